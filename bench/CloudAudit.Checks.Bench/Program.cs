// IAM policy checks on a large synthetic account: aws-iam-005, aws-iam-007 and aws-iam-018 end to end.
// Usage: dotnet run -c Release --project bench/CloudAudit.Checks.Bench [roles] [users] [policies] [--dense]
using System.Diagnostics;
using System.Globalization;
using CloudAudit.Checks;
using CloudAudit.Checks.Bench;
using CloudAudit.Checks.Framework;
using CloudAudit.Inventory;
using CloudAudit.Policy.Catalog;

var dense = args.Contains("--dense");
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
var inventory = SyntheticAuthorization.Generate(roles, users, policies, seed: 7, dense);
var data = new AccountData(inventory);
Console.WriteLine($"synthetic {(dense ? "dense" : "typical")} account: {roles} roles, {users} users, {policies} customer managed policies; generated in {clock.ElapsedMilliseconds} ms");

var context = new CheckContext(data, DateTimeOffset.UtcNow);
var process = System.Diagnostics.Process.GetCurrentProcess();
var parseCpu = process.TotalProcessorTime;
clock.Restart();
var iam = context.Access().Iam;
process.Refresh();
Console.WriteLine($"authorization details parsed into {iam.Users.Count + iam.Groups.Count + iam.Roles.Count} entities in {clock.ElapsedMilliseconds} ms wall, "
    + $"{(process.TotalProcessorTime - parseCpu).TotalSeconds:F2} s CPU");

foreach (var id in new[] { "aws-iam-005", "aws-iam-007", "aws-iam-018" })
{
    process.Refresh();
    var cpuBefore = process.TotalProcessorTime;
    clock.Restart();
    var result = CheckRunner.Evaluate(CheckRegistry.Find(id)!, context);
    var bySeverity = string.Join(", ", result.Findings.GroupBy(f => f.Severity).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key.Lower()}"));
    process.Refresh();
    var cpu = process.TotalProcessorTime - cpuBefore;
    Console.WriteLine($"{id}: {result.Status.Label()}, {result.ResourcesScanned} examined, {result.Findings.Count} findings ({bySeverity}) in {clock.Elapsed.TotalSeconds:F2} s wall, {cpu.TotalSeconds:F2} s CPU"
        + (result.Error is null ? "" : $" ERROR {result.Error}"));
}
Console.WriteLine($"load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]} (the machine is shared: wall time includes waiting for a core)");
Console.WriteLine($"managed heap {GC.GetTotalMemory(false) / 1048576.0:F0} MiB; working set {Environment.WorkingSet / 1048576.0:F0} MiB; {Environment.ProcessorCount} cores");
