using CloudAudit.Access.Administrators;
using CloudAudit.Access.Escalation;
using CloudAudit.Access.Principals;
using CloudAudit.Access.Queries;
using CloudAudit.Policy.Catalog;
using CloudAudit.Policy.Evaluation;
using CloudAudit.Policy.Matching;
using CloudAudit.Policy.Parsing;

namespace CloudAudit.Access.Verification;

/// <summary>
/// Proof Mode's verdict on one claim: <see cref="Verified"/> is true when AWS's evaluator decides as cloud-audit's
/// engine did, false when it does not (<see cref="Detail"/> says how, <see cref="DeniedBy"/> which layer refused),
/// null when AWS could not be asked (the simulation was refused, or failed).
/// </summary>
public sealed record ProofResult(bool? Verified, string Detail)
{
    /// <summary>The layer AWS says refused a request cloud-audit claims is allowed (the SCPs, the boundary …).</summary>
    public string? DeniedBy { get; init; }
    /// <summary>AWS's decisions, one per action asked.</summary>
    public IReadOnlyList<SimulatedDecision> Aws { get; init; } = [];
    /// <summary>AWS and the engine decided differently on the same policies: a case the engine's tests must get.</summary>
    public bool IsDisagreement => Verified == false;
}

/// <summary>
/// Proof Mode: asks AWS's own evaluator (<c>iam:SimulatePrincipalPolicy</c>) the requests behind cloud-audit's
/// answers, with the same context keys, and says whether it agrees. A can-i decision, an administrator (a sample of
/// actions across services, on every resource), an escalation path (every permission it uses, on the resource the
/// engine asked about). SimulatePrincipalPolicy evaluates identity policies, the permissions boundary and the SCPs,
/// and no resource policy unless given one: a role's trust policy is sent with sts:AssumeRole; other resource
/// policies are not, so a can-i answer is compared on the identity side and says so.
/// </summary>
public static class Proof
{
    /// <summary>
    /// Actions an administrator holds on every resource, across services and kinds of access (permissions, data,
    /// compute, keys, logging): a sample AWS confirms, since asking for all 20,000 is not practical.
    /// </summary>
    public static readonly IReadOnlyList<string> AdministratorSample =
    [
        "iam:CreateUser", "iam:AttachRolePolicy", "iam:PutUserPolicy", "iam:PassRole", "sts:AssumeRole", "s3:GetObject",
        "s3:PutBucketPolicy", "ec2:RunInstances", "kms:Decrypt", "lambda:UpdateFunctionCode", "secretsmanager:GetSecretValue",
        "cloudtrail:StopLogging",
    ];

    /// <summary>Whether AWS decides a can-i question as the engine does (on the identity side when a resource policy took part).</summary>
    public static async Task<ProofResult> VerifyAsync(AccessModel model, AccessDecision decision, IReadOnlyDictionary<string, string>? context,
        IPolicySimulator simulator, CancellationToken cancellation = default)
    {
        var principal = decision.Principal;
        var action = IamCatalog.Default.FindAction(decision.Action)?.Parsed ?? ActionName.Parse(decision.Action);
        var role = AssumedRole(model, action, decision.Resource);
        var requestContext = model.ContextOf(principal).Copy();
        foreach (var (key, value) in context ?? new Dictionary<string, string>()) requestContext.Set(key, value);
        var request = new AccessRequest(principal.Caller, action, decision.Resource, requestContext,
            decision.Resource == "*" ? null : Arn.AccountOf(decision.Resource) ?? model.AccountId);
        var ours = PolicyEvaluator.Decide(model.WithOrganization(principal.Policies).WithResourcePolicy(role?.Trust), request);
        var answer = await simulator.SimulateAsync(Question(model, principal.Arn, [decision.Action], request.Resource, request.Context, role), cancellation);
        if (answer.Failure is { } failure) return new ProofResult(null, $"not verified: {failure}");
        if (answer.Decisions.FirstOrDefault() is not { } aws) return new ProofResult(null, "not verified: AWS returned no decision");

        var unsent = decision.ResourcePolicy is { } policy && role is null
            ? $" (asked without {policy}, which SimulatePrincipalPolicy does not read: identity policies, boundary and SCPs compared)"
            : "";
        var agrees = aws.IsAllowed == (ours == Decision.Allowed);
        var detail = agrees
            ? $"AWS's evaluator agrees: {Describe(aws)}{unsent}"
            : $"AWS and cloud-audit disagree: AWS says {Describe(aws)}, cloud-audit's engine says {Text(ours)} on the same policies{unsent}";
        return new ProofResult(agrees, detail) { DeniedBy = aws.DeniedBy, Aws = answer.Decisions };
    }

    /// <summary>
    /// Whether AWS decides as the engine did for one party of a who-can answer: the account's principals are asked the
    /// same can-i question; an outside party (another account, a service) cannot be, and says so.
    /// </summary>
    public static Task<ProofResult> VerifyAsync(AccessModel model, AllowedParty party, string action, string resource, IPolicySimulator simulator,
        CancellationToken cancellation = default) =>
        party.Entity is { } entity
            ? VerifyAsync(model, model.CanDo(entity, action, resource), null, simulator, cancellation)
            : Task.FromResult(new ProofResult(null, "an outside party: AWS's evaluator only answers for the account's own principals"));

    /// <summary>Proof Mode over a list of answers: a few questions to AWS at a time, the results in the list's order.</summary>
    public static async Task<IReadOnlyList<ProofResult>> VerifyEachAsync<T>(IReadOnlyList<T> items, Func<T, CancellationToken, Task<ProofResult>> verify,
        CancellationToken cancellation = default)
    {
        var proofs = new ProofResult[items.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, items.Count), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellation },
            async (i, token) => proofs[i] = await verify(items[i], token).ConfigureAwait(false)).ConfigureAwait(false);
        return proofs;
    }

    /// <summary>Whether AWS allows an administrator a sample of actions on every resource (<see cref="AdministratorSample"/>).</summary>
    public static async Task<ProofResult> VerifyAsync(AccessModel model, AdminJudgement admin, IPolicySimulator simulator, CancellationToken cancellation = default)
    {
        var actions = AdministratorSample.Where(a => !model.OutsideCeiling.Contains(a)).ToList();
        // A group is no caller (it has no ARN a request can carry): its context is the account's, without tags.
        var answer = await simulator.SimulateAsync(Question(model, admin.Principal, actions, "*", model.ContextOf(admin.Entity), null), cancellation);
        return Confirm(answer, actions.Count, $"administrator: AWS allows all {actions.Count} sampled actions on *");
    }

    /// <summary>Whether AWS allows every permission of an escalation path, on the resources and with the keys the engine asked.</summary>
    public static async Task<ProofResult> VerifyAsync(AccessModel model, EscalationFinding finding, IPolicySimulator simulator, CancellationToken cancellation = default)
    {
        var decisions = new List<SimulatedDecision>();
        foreach (var step in finding.Evidence)
        {
            if (step.Request is not { } request) return new ProofResult(null, "not verified: the step's request is not known");
            var answer = await simulator.SimulateAsync(Question(model, finding.Principal.Arn, [step.Action], request.Resource, request.Context, step.AssumedRole), cancellation);
            if (answer.Failure is { } failure) return new ProofResult(null, $"not verified: {failure}");
            if (answer.Decisions.FirstOrDefault() is not { } aws) return new ProofResult(null, "not verified: AWS returned no decision");
            decisions.Add(aws);
            if (!aws.IsAllowed) break;
        }
        return Confirm(new SimulationAnswer(decisions, null), finding.Evidence.Count, finding.Evidence.Count == 1 ? "AWS allows the path's one step" : $"AWS allows all {finding.Evidence.Count} steps of the path");
    }

    /// <summary>A claim that every request is allowed, against AWS's decisions: the first refusal names its layer.</summary>
    private static ProofResult Confirm(SimulationAnswer answer, int asked, string confirmed)
    {
        if (answer.Failure is { } failure) return new ProofResult(null, $"not verified: {failure}");
        if (answer.Decisions.FirstOrDefault(d => !d.IsAllowed) is { } denied)
            return new ProofResult(false, $"AWS and cloud-audit disagree: AWS denies {denied.Action} on {denied.Resource} ({Describe(denied)})")
                { DeniedBy = denied.DeniedBy, Aws = answer.Decisions };
        if (answer.Decisions.Count < asked) return new ProofResult(null, $"not verified: AWS answered {answer.Decisions.Count} of {asked} requests");
        return new ProofResult(true, confirmed) { Aws = answer.Decisions };
    }

    private static SimulationQuestion Question(AccessModel model, string source, IReadOnlyList<string> actions, string resource, RequestContext context,
        IamEntity? role) =>
        new(source, actions, resource, [.. Entries(context)])
        {
            ResourcePolicy = role?.TrustText is { } trust ? PolicyText.Decode(trust) : null,
            ResourceOwner = role is null ? null : $"arn:{model.Partition}:iam::{model.AccountId}:root",
        };

    /// <summary>The role a request assumes (sts:AssumeRole* on a role of the account): its trust policy decides with the identity side.</summary>
    private static IamEntity? AssumedRole(AccessModel model, ActionName action, string resource) =>
        action.Service == "sts" && action.Name.StartsWith("AssumeRole", StringComparison.OrdinalIgnoreCase)
        && model.Find(resource) is { Kind: IamEntityKind.Role, TrustText: not null } role ? role : null;

    /// <summary>The request's context keys, typed as SimulatePrincipalPolicy names types.</summary>
    internal static IEnumerable<SimulationContextEntry> Entries(RequestContext context) =>
        context.Entries.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e =>
        {
            var info = IamCatalog.Default.FindConditionKey(e.Key);
            var type = info?.Type switch
            {
                ConditionValueType.Bool => "boolean",
                ConditionValueType.Numeric => "numeric",
                ConditionValueType.Date => "date",
                ConditionValueType.IpAddress => "ip",
                ConditionValueType.Binary => "binary",
                _ => "string",
            };
            return new SimulationContextEntry(e.Key, e.Value, info?.IsMultivalued == true || e.Value.Length > 1 ? type + "List" : type);
        });

    private static string Describe(SimulatedDecision aws) => aws.IsAllowed ? "allowed" : $"{aws.Decision} by {aws.DeniedBy}";

    private static string Text(Decision decision) => decision switch
    {
        Decision.Allowed => "allowed",
        Decision.ExplicitDeny => "explicit deny",
        _ => "implicit deny",
    };
}
