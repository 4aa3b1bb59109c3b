using System.Text.Json.Nodes;
using CloudAudit.Checks.Framework;
using CloudAudit.Access.Principals;
using CloudAudit.Access.Escalation;
using CloudAudit.Access.Organization;
using CloudAudit.Checks.Policies;
using CloudAudit.Inventory;
using CloudAudit.Inventory.Catalog;

namespace CloudAudit.Checks.Iam;

/// <summary>IAM privilege-escalation paths, judged by evaluation on real resources (see <see cref="EscalationAnalysis"/>).</summary>
public sealed class PrivilegeEscalation : Check
{
    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-iam-018",
        Title = "IAM principal can escalate its privileges",
        Service = "IAM",
        Severity = Severity.Critical,
        ResourceType = "AWS::IAM::Role",
        Description = "For every user (with its groups' policies) and role that is not already an administrator, tries each "
            + "privilege-escalation path of the pathfinding.cloud catalogue (its 86 AWS paths and three it has since retired) and "
            + "cloud-audit's own paths for the methods it lacks (ca-…): editing its own or another principal's policies, lifting a "
            + "Deny policy, a permissions boundary or a policy version, taking another principal's credentials or trust, passing a "
            + "role to new or existing compute, hijacking compute that runs as a role. Each is decided with the IAM policy engine. "
            + "Each permission is requested on the "
            + "resource the attack needs: iam:PassRole on each role the service may assume (with iam:PassedToService), "
            + "sts:AssumeRole through the target's trust policy, edits on the principal itself, its groups and its customer "
            + "managed policies, new resources under any name the principal may use, Lambda functions as ListFunctions "
            + "reports them. Conditions count as IAM evaluates them for an attacker with the principal's credentials and no "
            + "MFA; the permissions boundary applies, and so do the service control policies of the organization's root, each OU "
            + "above the account and the account (a step an SCP denies closes the path), and its resource control policies on "
            + "the account's resources of the services RCPs govern (an RCP that denies the step, sts:AssumeRole on a role or "
            + "kms:Decrypt for instance, closes it, and one that denies the target an action keeps it from counting as an "
            + "administrator). Only the management account or a delegated administrator may read SCPs and RCPs: when the scan "
            + "is refused them, paths are reported as if none applied and the result and each finding say so. A path is reported when its target is an "
            + "administrator, holds an administrative policy or can escalate further to one (CRITICAL; the finding names every "
            + "hop of the chain), or is more privileged than the principal (HIGH: "
            + "allowed a permissions-management, data, secret, key or compute action the principal is not). One finding per "
            + "principal and path; paths derived from another that also opens are folded into it. Service-linked roles, and "
            + "principals holding a policy that is administrative on its own (reported by aws-iam-005), are skipped; for compute other than Lambda only grants that reach every resource of the type count, since the "
            + "scan does not see which instance, stack or project runs as which role.",
        Rationale = "An escalation path makes a narrow identity as powerful as the most powerful role it can reach: a "
            + "developer key or a CI token that can pass an administrator role to a new Lambda function is, in effect, an "
            + "administrator key. Attackers look for exactly these combinations after stealing any credential, and they do "
            + "not show up when each policy is reviewed on its own.",
        CommonCauses =
        [
            "iam:PassRole was granted on \"*\" together with permission to create Lambda functions, instances or stacks.",
            "A role may edit IAM policies (PutRolePolicy, AttachRolePolicy, CreatePolicyVersion) on resources that include itself.",
            "A trust policy names the account root, so any principal allowed sts:AssumeRole on \"*\" can assume an administrator role.",
            "Helpdesk or automation users may create access keys or console passwords for other users.",
        ],
        Recommendation = "Scope or remove the permission that opens the path: limit iam:PassRole and sts:AssumeRole to the roles a principal must use, and keep IAM write actions off the principal's own resources.",
        Remediation = EscalationFixes.DenyOnRole,
        RemediationVariants = [EscalationFixes.DenyOnUser, EscalationFixes.DenyInPermissionSet],
    };

    public override IReadOnlyList<ApiCall> Reads { get; } =
    [
        IamAuthorizationCalls.GetAccountAuthorizationDetails, ResourcePolicyCalls.ListFunctions, OrganizationCalls.DescribeOrganization,
        .. OrganizationCalls.ServiceControlPolicyReads, .. OrganizationCalls.ResourceControlPolicyReads,
    ];

    public override void Evaluate(CheckContext context, Verdict verdict)
    {
        var analysis = context.Access().Escalation;
        if (analysis.Gap is { } gap)
        {
            verdict.Gap(gap);
            return;
        }
        verdict.AddGaps(analysis.Gaps);
        verdict.Scanned(analysis.PrincipalsAnalysed);
        // SCPs and RCPs can only close paths: unread, they leave every path open, which each finding says.
        var access = context.Access();
        // Both are read on the same walk up the hierarchy: one refusal usually leaves both unread, said once.
        var scpNote = access.Scps.Unread is { } why && why == access.Rcps.Unread
            ? Unread(verdict, "SCPs and RCPs", why)
            : GuardrailNote(verdict, access.Scps, "root to account") + GuardrailNote(verdict, access.Rcps, "on the account's resources");
        foreach (var finding in analysis.Findings)
            Report(verdict, finding, scpNote);
        if (analysis.PrincipalsAnalysed == 0 && verdict.Gaps.Count == 0)
            verdict.NotApplicable("every user and role of the account is already an administrator, service-linked, or has no policy");
    }

    private static string GuardrailNote(Verdict verdict, AccountGuardrail guardrail, string scope) =>
        guardrail.Unread is { } why ? Unread(verdict, guardrail.Label, why)
        : guardrail.Apply ? $" The account's {guardrail.Label} ({guardrail.Levels.Count} levels, {scope}) allow each step."
        : "";

    private static string Unread(Verdict verdict, string label, string why)
    {
        verdict.Note($"{label} were not read, so no path was removed for being blocked by one ({why})");
        return $" {label} were not read: one may block this path.";
    }

    private static void Report(Verdict verdict, EscalationFinding finding, string scpNote)
    {
        var principal = finding.Principal;
        var path = finding.Path;
        var catalogue = path.Catalogue;
        var targets = string.Join("; ", finding.Targets.Select(t => $"{t.Label} ({t.Why}{Onward(t)})"))
            + (finding.MoreTargets > 0 ? $"; and {finding.MoreTargets} more" : "");
        var evidence = string.Join("; ", finding.Evidence.Select(e =>
            $"{e.Action} on {e.Resource} is allowed by {(e.AllowedBy.Count == 0 ? "the target's trust policy" : string.Join(", ", e.AllowedBy.Select(Describe)))}"));
        var also = finding.AlsoOpens.Count > 0 ? $" It also opens {string.Join(", ", finding.AlsoOpens)}." : "";
        var description = $"{Capitalized(principal.ToString())} can escalate via {path.Id} ({catalogue.Name}): {How(path, principal)} — reaching {targets}. "
            + $"{evidence}.{also}{scpNote}";

        var breaker = path.Breaker.Action;
        var sid = "DenyEscalation" + string.Concat(path.Id.Split('-').Select(Capitalized));
        var resources = finding.DenyResources.Count > 0 ? finding.DenyResources : ["*"];
        var denyPolicy = new JsonObject
        {
            ["Version"] = "2012-10-17",
            ["Statement"] = new JsonArray(new JsonObject
            {
                ["Sid"] = sid,
                ["Effect"] = "Deny",
                ["Action"] = breaker,
                ["Resource"] = new JsonArray([.. resources.Select(r => (JsonNode)JsonValue.Create(r)!)]),
            }),
        };
        var denyPolicyName = $"deny-escalation-{path.Id}";
        var slots = new SlotValues()
            .With("principal_name", principal.Name)
            .With("deny_policy_name", denyPolicyName)
            .With("deny_policy", CliFix.Json(denyPolicy))
            .With("sid", sid)
            .With("action", breaker)
            .With("resource", new SlotValue.Each(resources))
            .With("policy_reference", CliFix.Json(new JsonObject { ["Name"] = denyPolicyName, ["Path"] = "/" }));
        verdict.Fail($"{principal.Arn}#{path.Id}", AwsIds.GlobalRegion, description, slots,
            resourceType: principal.Kind == IamEntityKind.User ? "AWS::IAM::User" : "AWS::IAM::Role",
            severity: finding.Outcome == EscalationOutcome.Administrator ? Severity.Critical : Severity.High,
            remediation: principal.Kind == IamEntityKind.User ? EscalationFixes.DenyOnUser
                : principal.IsIdentityCenterRole ? EscalationFixes.DenyInPermissionSet
                : EscalationFixes.DenyOnRole);
    }

    /// <summary>How a target that escalates further gets there: every hop of its shortest chain.</summary>
    private static string Onward(ReachedTarget target) => target.Onward is { } chain
        ? ", then " + string.Join(", then ", chain.Hops.Select(h => $"via {h.Method} {h.Gains}"))
        : "";

    /// <summary>What taking the path means, in a phrase.</summary>
    private static string How(PathModel path, IamEntity principal)
    {
        var calls = string.Join(" and ", path.Steps.Select(s => s.Action));
        return path.Shape switch
        {
            PathShape.SelfEdit => $"it may call {path.Steps[0].Action} on {Own(path.Steps[0].On, principal)} and so grant itself any permission",
            PathShape.JoinGroup => "it may add itself to another group and gain the group's policies",
            PathShape.EditOther => $"it may call {calls} to give another principal administrator access and act as it",
            PathShape.Become => $"it may call {calls} to act as another principal",
            PathShape.PassToNew when path.Steps.Any(s => s.On == On.ExistingResource) =>
                $"it may pass a role to an existing {path.Service} resource and run its own code as that role ({string.Join(", ", path.Steps.Skip(1).Select(s => s.Action))})",
            PathShape.PassToNew => $"it may pass a role to {path.Service} and run its own code as that role ({string.Join(", ", path.Steps.Skip(1).Select(s => s.Action))})",
            PathShape.LiftLimit => $"it may call {calls} to lift {Lifted(path.Lifts)} {(path.OnSelf ? $"on its own {principal.KindLabel}" : "on another role and act as it")}",
            _ => $"it may call {calls} on existing resources that run as a role",
        };
    }

    private static string Lifted(Limit? limit) => limit switch
    {
        Limit.DenyInline => "an inline policy that denies",
        Limit.DenyManaged => "a managed policy that denies",
        Limit.Boundary => "the permissions boundary",
        Limit.WiderBoundary => "the permissions boundary (replacing it with AdministratorAccess)",
        _ => "the policy version in force (restoring another stored version)",
    };

    private static string Own(On on, IamEntity principal) => on switch
    {
        On.OwnGroup => "a group it belongs to",
        On.OwnPolicy => "a customer managed policy attached to it",
        _ => $"its own {principal.KindLabel}",
    };

    private static string Describe(Policy.Evaluation.MatchedStatement m) =>
        $"{m.PolicyName} (statement {m.StatementIndex}{(m.Sid is { Length: > 0 } sid ? $" {sid}" : "")})";

    private static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
