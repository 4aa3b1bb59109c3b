using System.Collections.Concurrent;
using CloudAudit.Access;
using CloudAudit.Access.Escalation;
using CloudAudit.Access.Verification;
using CloudAudit.Analysis;
using CloudAudit.Analysis.Escalation;
using CloudAudit.Inventory;
using CloudAudit.Inventory.Snapshot;

namespace CloudAudit.Cli.Commands;

/// <summary>
/// <c>scan --verify</c>: each escalation path of the report (<c>escalation_paths[]</c>) asked of AWS's own evaluator,
/// every permission it uses on the resource the engine decided, and, for a path to an existing administrator, that
/// administrator on Proof Mode's sample of actions. <c>verified</c> becomes true, false (the detail names the step and
/// the layer that denied) or stays null (AWS could not be asked, and why).
/// </summary>
internal static class ScanVerification
{
    public static ScanReport Apply(ScanReport report, InventorySnapshot snapshot, IPolicySimulator simulator)
    {
        if (report.AttackPaths.EscalationPaths.Count == 0) return report;
        var verdicts = new ConcurrentDictionary<(string Principal, string Path), ProofResult>();
        foreach (var account in snapshot.Accounts.Where(a => report.AttackPaths.EscalationPaths.Any(p => p.AccountId == a.AccountId)))
        {
            // The scan's own model is internal to its pipeline: the same inventory gives the same paths.
            var model = AccessModel.Build(new AccountData(account), snapshot.CollectedAt);
            var admins = new ConcurrentDictionary<string, Task<ProofResult>>(StringComparer.Ordinal);
            Parallel.ForEachAsync(model.Escalation.Findings, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (finding, cancellation) =>
                verdicts[(finding.Principal.Arn, finding.Path.Id)] = await Verify(model, finding, simulator, admins, cancellation)).GetAwaiter().GetResult();
        }
        var paths = report.AttackPaths.EscalationPaths.Select(p => verdicts.TryGetValue((p.PrincipalArn, p.PathId), out var proof)
            ? p with { Verified = proof.Verified, VerificationDetail = proof.Detail }
            : p with { VerificationDetail = "not verified: the path was not found again in the inventory" }).ToList();
        return report with { AttackPaths = report.AttackPaths with { EscalationPaths = paths } };
    }

    /// <summary>The path's steps, then each administrator it reaches (asked once per scan, whichever paths reach it).</summary>
    private static async Task<ProofResult> Verify(AccessModel model, EscalationFinding finding, IPolicySimulator simulator,
        ConcurrentDictionary<string, Task<ProofResult>> admins, CancellationToken cancellation)
    {
        var steps = await Proof.VerifyAsync(model, finding, simulator, cancellation);
        if (steps.Verified != true || finding.Outcome != EscalationOutcome.Administrator) return steps;
        foreach (var target in finding.Targets)
        {
            if (model.Find(target.Arn) is not { } entity || model.IsAdministrator(entity) is not { IsAdministrator: true } judgement) continue;
            var admin = await admins.GetOrAdd(target.Arn, _ => Proof.VerifyAsync(model, judgement, simulator, cancellation));
            if (admin.Verified != true)
                return admin with { Detail = $"{steps.Detail}, but not that {target.Arn} is an administrator: {admin.Detail}" };
            return steps with { Detail = $"{steps.Detail}; {target.Arn} is an {admin.Detail}" };
        }
        return steps;
    }
}
