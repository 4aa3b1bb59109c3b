// Policy engine benchmark: every (role, action) pair of a synthetic account, on one thread.
// Usage: dotnet run -c Release --project bench/CloudAudit.Policy.Bench [roles] [policiesPerRole] [actions]
using System.Diagnostics;
using CloudAudit.Policy.Bench;
using CloudAudit.Policy.Catalog;
using CloudAudit.Policy.Evaluation;

var roles = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 5000;
var policiesPerRole = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20;
var actionCount = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 500;

var clock = Stopwatch.StartNew();
var catalogActions = IamCatalog.Default.Actions.Count;
Console.WriteLine($"catalogue: {IamCatalog.Default.DataVersion}, {catalogActions} actions, loaded in {clock.ElapsedMilliseconds} ms");

clock.Restart();
var account = SyntheticAccount.Generate(roles, policiesPerRole, actionCount, seed: 42);
Console.WriteLine($"account: {roles} roles x {policiesPerRole} policies ({account.DistinctPolicies} distinct documents, {account.Statements} statements) against {actionCount} actions; parsed and compiled in {clock.ElapsedMilliseconds} ms");

// Warm-up: one pass over a slice so the JIT has tiered up before measuring.
Run(account, Math.Min(roles, 200));
GC.Collect();
var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
clock.Restart();
var (decisions, allowed, explicitDenies) = Run(account, roles);
var elapsed = clock.Elapsed;
var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;

Console.WriteLine($"decisions: {decisions:N0} ({allowed:N0} allowed, {explicitDenies:N0} explicit deny) in {elapsed.TotalSeconds:F2} s");
Console.WriteLine($"throughput: {decisions / elapsed.TotalSeconds:N0} decisions/s on one thread");
Console.WriteLine($"allocated in the loop: {allocated / (double)decisions:F1} bytes/decision; managed heap {GC.GetTotalMemory(false) / 1048576.0:F0} MiB; working set {Environment.WorkingSet / 1048576.0:F0} MiB");

static (long Decisions, long Allowed, long ExplicitDenies) Run(SyntheticAccount account, int roles)
{
    long decisions = 0, allowed = 0, denied = 0;
    for (var r = 0; r < roles; r++)
    {
        var role = account.Roles[r];
        foreach (var request in role.Requests)
        {
            var decision = PolicyEvaluator.Decide(role.Policies, request);
            decisions++;
            if (decision == Decision.Allowed) allowed++;
            else if (decision == Decision.ExplicitDeny) denied++;
        }
    }
    return (decisions, allowed, denied);
}
