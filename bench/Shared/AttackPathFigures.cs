using System.Diagnostics;
using CloudAudit.Analysis;
using CloudAudit.Analysis.Chains;
using CloudAudit.Analysis.Graph;
using CloudAudit.Analysis.Graph.Build;
using CloudAudit.Analysis.Remediation;
using CloudAudit.Checks.Framework;

namespace CloudAudit.Bench;

/// <summary>
/// The attack-path analysis of a scan, measured stage by stage on the scan's own contexts (so the access model the IAM
/// checks built is shared, as in a scan): the security graph's build, every chain rule, the remediation plan; wall and
/// CPU time, and the managed memory the graph keeps and allocates.
/// </summary>
internal static class AttackPathFigures
{
    public static void Print(IReadOnlyList<CheckContext> contexts, IReadOnlyList<AnalyzedResult> results)
    {
        var process = Process.GetCurrentProcess();
        TimeSpan Cpu() { process.Refresh(); return process.TotalProcessorTime; }
        foreach (var context in contexts)
        {
            var own = results.Where(r => r.Result.AccountId == context.AccountId).ToList();
            var findings = own.SelectMany(r => r.Findings).Where(f => f.Disposition is FindingDisposition.Active or FindingDisposition.Folded).ToList();
            var escalation = own.Any(r => r.Result.CheckId == AttackPathAnalyzer.EscalationCheck && r.Result.Status is CheckStatus.Pass or CheckStatus.Fail);

            var cpu = Cpu();
            var clock = Stopwatch.StartNew();
            _ = context.Access();
            Console.WriteLine($"attack paths, account {context.AccountId}: access model (shared with the IAM checks, built already in a scan) ready in {clock.ElapsedMilliseconds} ms");

            // The access model decides who may assume which role once, lazily; the graph's can_assume edges are the first to ask.
            cpu = Cpu();
            clock.Restart();
            var assumeEdges = context.Access().AssumeRoleEdges.Count;
            Console.WriteLine($"  assume-role edges      {assumeEdges:N0} (the access model's, first asked for by the graph) in {clock.Elapsed.TotalSeconds:0.00} s wall, {(Cpu() - cpu).TotalSeconds:0.00} s CPU");

            GC.Collect();
            var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            cpu = Cpu();
            clock.Restart();
            var graph = SecurityGraphBuilder.Build(context, findings, escalation);
            var buildWall = clock.Elapsed;
            var buildCpu = Cpu() - cpu;
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            var kept = GC.GetTotalMemory(forceFullCollection: true) - heapBefore;
            Console.WriteLine($"  security graph         {graph.Nodes.Count:N0} nodes, {graph.Edges.Count:N0} edges, {graph.Gaps.Count:N0} gaps; built in {buildWall.TotalSeconds:0.00} s wall, "
                + $"{buildCpu.TotalSeconds:0.00} s CPU; keeps {kept / 1048576.0:N0} MB of managed heap, allocated {allocated / 1048576.0:N0} MB");

            allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            cpu = Cpu();
            clock.Restart();
            var chains = ChainDetector.Detect(new GraphView(graph));
            Console.WriteLine($"  chain rules            {ChainRules.All.Count} rules, {chains.Count:N0} chains in {clock.Elapsed.TotalSeconds:0.00} s wall, {(Cpu() - cpu).TotalSeconds:0.00} s CPU, "
                + $"allocated {(GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / 1048576.0:N0} MB");

            cpu = Cpu();
            clock.Restart();
            var plan = RemediationPlanner.Plan(graph, chains, _ => null);
            Console.WriteLine($"  remediation plan       {plan.Count:N0} root causes (each re-runs the rules without its findings) in {clock.Elapsed.TotalSeconds:0.00} s wall, {(Cpu() - cpu).TotalSeconds:0.00} s CPU");
            GC.KeepAlive(graph);
        }
        Console.WriteLine($"  peak working set       {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:N0} MB; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}; {Environment.ProcessorCount} cores");
    }
}
