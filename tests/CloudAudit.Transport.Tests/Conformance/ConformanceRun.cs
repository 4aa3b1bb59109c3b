using System.Text;

namespace CloudAudit.Transport.Tests.Conformance;

/// <summary>Runs one direction of one protocol file, counting passes, failures and justified skips.</summary>
internal sealed record ConformanceRun(string Direction, string File, int Passed, IReadOnlyList<string> Failures, IReadOnlyList<string> Skipped)
{
    public string Summary =>
        $"{Direction}/{File}: {Passed} passed, {Failures.Count} failed, {Skipped.Count} skipped";

    public string Report
    {
        get
        {
            var text = new StringBuilder(Summary).AppendLine();
            foreach (var failure in Failures)
                text.AppendLine("  FAIL " + failure);
            return text.ToString();
        }
    }

    public static ConformanceRun Run(string direction, string file, Func<ProtocolCase, string?> check)
    {
        var passed = 0;
        var failures = new List<string>();
        var skipped = new List<string>();
        foreach (var testCase in ProtocolSuite.Load(direction, file))
        {
            if (ConformanceSkips.Reason(direction, testCase) is { } reason)
            {
                skipped.Add($"{testCase.Id}: {reason}");
                continue;
            }
            string? problem;
            try
            {
                problem = check(testCase);
            }
            catch (Exception e) when (e is not Xunit.Sdk.XunitException)
            {
                problem = $"{e.GetType().Name}: {e.Message}";
            }
            if (problem is null)
                passed++;
            else
                failures.Add($"{testCase.Id}: {problem}");
        }
        var run = new ConformanceRun(direction, file, passed, failures, skipped);
        ConformanceLog.Record(run);
        return run;
    }
}

/// <summary>Appends each file's counts to conformance-results.txt in the test output folder.</summary>
internal static class ConformanceLog
{
    private static readonly Lock Gate = new();
    private static readonly string FilePath = Path.Combine(AppContext.BaseDirectory, "conformance-results.txt");
    private static bool started;

    public static void Record(ConformanceRun run)
    {
        lock (Gate)
        {
            var lines = new List<string> { run.Summary };
            lines.AddRange(run.Skipped.Select(s => "  skip " + s));
            if (!started)
                File.Delete(FilePath);
            started = true;
            File.AppendAllLines(FilePath, lines);
        }
    }
}
