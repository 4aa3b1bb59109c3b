// IAM policy checks on a large synthetic account: aws-iam-005, aws-iam-007 and aws-iam-018 end to end, the security graph
// and the attack-chain rules after them, then the `access` questions (who-can on one action, admins) on a model of their own, as the command builds it.
// Usage: dotnet run -c Release --project bench/CloudAudit.Checks.Bench [roles] [users] [policies] [--dense] [--no-graph]
//   [--data: also 1,000 buckets and 1,000 secrets the policies grant on, and the functions' (empty) resource policies]
using System.Diagnostics;
using System.Globalization;
using CloudAudit.Access;
using CloudAudit.Checks;
using CloudAudit.Checks.Bench;
using CloudAudit.Checks.Framework;
using CloudAudit.Inventory;
using CloudAudit.Policy.Catalog;

var dense = args.Contains("--dense");
var withData = args.Contains("--data");
var graph = !args.Contains("--no-graph");
var numbers = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
int Arg(int index, int fallback) => numbers.Length > index ? int.Parse(numbers[index], CultureInfo.InvariantCulture) : fallback;
var roles = Arg(0, 5000);
var users = Arg(1, 500);
var policies = Arg(2, 300);

var clock = Stopwatch.StartNew();
_ = IamCatalog.Default.Actions.Count;
_ = AwsManagedPolicies.Default.Count;
Console.WriteLine($"engine data loaded in {clock.ElapsedMilliseconds} ms");

clock.Restart();
var inventory = SyntheticAuthorization.Generate(roles, users, policies, seed: 7, dense, withData);
var data = new AccountData(inventory);
Console.WriteLine($"synthetic {(dense ? "dense" : "typical")} account{(withData ? " with data" : "")}: {roles} roles, {users} users, {policies} customer managed policies; generated in {clock.ElapsedMilliseconds} ms");

var context = new CheckContext(data, DateTimeOffset.UtcNow);
var iam = Measured.Run(() => context.Access().Iam, out var parse);
Console.WriteLine($"authorization details parsed into {iam.Users.Count + iam.Groups.Count + iam.Roles.Count} entities in {parse}");

var iamResults = new List<CheckResult>();
foreach (var id in new[] { "aws-iam-005", "aws-iam-007", "aws-iam-018" })
{
    var result = Measured.Run(() => CheckRunner.Evaluate(CheckRegistry.Find(id)!, context), out var figures);
    iamResults.Add(result);
    var bySeverity = string.Join(", ", result.Findings.GroupBy(f => f.Severity).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key.Lower()}"));
    Console.WriteLine($"{id}: {result.Status.Label()}, {result.ResourcesScanned} examined, {result.Findings.Count} findings ({bySeverity}) in {figures}"
        + (result.Error is null ? "" : $" ERROR {result.Error}"));
}
// The security graph and every chain rule on the same account, after the IAM checks (as in a scan).
if (graph) CloudAudit.Bench.AttackPathFigures.Print([context], CloudAudit.Analysis.ScanAnalyzer.Analyze(iamResults, new CloudAudit.Analysis.AnalysisOptions()).Results);
// `cloud-audit access` builds its own model per question: measured cold, apart from the checks' shared one. The
// first who-can also indexes every policy document and reads the resource policies; the next ones reuse that.
var model = Measured.Run(() => AccessModel.Build(data, DateTimeOffset.UtcNow), out var build);
Console.WriteLine($"access model built in {build}");
foreach (var (action, resource) in new[] { ("s3:GetObject", "arn:aws:s3:::bucket-042/report.csv"), ("iam:PassRole", "*"), ("s3:PutObject", "arn:aws:s3:::bucket-007/data.csv") })
{
    var answer = Measured.Run(() => model.WhoCan(action, resource), out var figures);
    Console.WriteLine($"access who-can {action} {resource}: {answer.Principals.Count} allowed, {answer.NotAssessed.Count} not assessed in {figures.InMilliseconds}");
}
var (admins, conditional) = Measured.Run(() => (model.Administrators(), model.AdministratorsWhenConditionsHold()), out var adminFigures);
Console.WriteLine($"access admins: {admins.Count} administrators, {conditional.Count} when conditions hold in {adminFigures}");
Console.WriteLine($"load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]} (the machine is shared: wall time includes waiting for a core, CPU time is user+sys of the whole process)");
Console.WriteLine($"managed heap {GC.GetTotalMemory(false) / 1048576.0:F0} MiB; working set {Environment.WorkingSet / 1048576.0:F0} MiB; "
    + $"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:F0} MiB; {Environment.ProcessorCount} cores");

/// <summary>One phase's wall time, CPU time (user+sys of the whole process) and managed allocations (every thread).</summary>
internal readonly record struct Measured(TimeSpan Wall, TimeSpan Cpu, long Allocated)
{
    public static T Run<T>(Func<T> phase, out Measured figures)
    {
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpu = process.TotalProcessorTime;
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        var result = phase();
        clock.Stop();
        process.Refresh();
        figures = new Measured(clock.Elapsed, process.TotalProcessorTime - cpu, GC.GetTotalAllocatedBytes(precise: true) - allocated);
        return result;
    }

    public override string ToString() => $"{Wall.TotalSeconds:F2} s wall, {Cpu.TotalSeconds:F2} s CPU, {Allocated / 1048576.0:F0} MB allocated";

    public string InMilliseconds => $"{Wall.TotalMilliseconds:F0} ms wall, {Cpu.TotalMilliseconds:F0} ms CPU, {Allocated / 1048576.0:F1} MB allocated";
}
