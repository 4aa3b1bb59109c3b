using CloudAudit.Access.Escalation;

namespace CloudAudit.Access.Tests;

/// <summary>docs/policy-engine.md lists every path with its status, as the models decide it: the table is the models'.</summary>
public class PathStatusTests
{
    private const string Header = "| path | name | status | decided on |";

    public static IReadOnlyList<string> ExpectedRows() =>
        [.. PathStatus.All.Select(s => $"| {s.Id} | {s.Name.Replace("|", "\\|", StringComparison.Ordinal)} | {s.DecisionText} | {s.Basis} |")];

    [Fact]
    public void The_documented_table_lists_every_path_with_its_status()
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Docs", "policy-engine.md"));
        var start = Array.FindIndex(lines, l => l == Header);
        var documented = start < 0 ? [] : lines.Skip(start + 2).TakeWhile(l => l.StartsWith('|')).ToList();
        var expected = ExpectedRows();

        Assert.True(expected.SequenceEqual(documented),
            $"docs/policy-engine.md's path status table is stale; replace it with:\n{Header}\n| --- | --- | --- | --- |\n{string.Join("\n", expected)}");
    }

    [Fact]
    public void Every_catalogue_path_has_a_status()
    {
        var statuses = PathStatus.All.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);

        Assert.All(PathCatalog.Paths, p => Assert.Contains(p.Id, statuses));
        Assert.Contains(PathStatus.All, s => s.Id == "lambda-003" && s.Decision == PathDecision.Decided);
        Assert.Contains(PathStatus.All, s => s.Id == "ssm-002" && s.Decision == PathDecision.NeedsPrecondition);
        Assert.Contains(PathStatus.All, s => s.Id == "ca-sts-001" && s.Decision == PathDecision.OutsideParty);
    }
}
