using CloudAudit.Policy.Catalog;
using CloudAudit.Policy.Model;

namespace CloudAudit.Policy.Evaluation;

/// <summary>
/// AWS's documented policy evaluation logic. In order: an explicit Deny in any applicable policy wins;
/// every SCP level and RCP level must allow; then an allow must come from the identity side (identity
/// policies ∩ permissions boundary ∩ session policies) or, within the account, from the resource policy;
/// across accounts both the identity side and the resource policy must allow.
/// </summary>
public static class PolicyEvaluator
{
    /// <summary>The decision with the statements behind it.</summary>
    public static EvaluationResult Evaluate(PolicySet policies, AccessRequest request)
    {
        var trace = new Trace();
        var (decision, reason) = Run(policies, request, trace);
        return new EvaluationResult(decision, decision == Decision.ExplicitDeny ? trace.Denies : trace.Allows, reason);
    }

    /// <summary>The decision alone; allocates nothing on the way.</summary>
    public static Decision Decide(PolicySet policies, AccessRequest request) => Run(policies, request, null).Decision;

    sealed class Trace
    {
        public readonly List<MatchedStatement> Allows = [], Denies = [];
        public void Add(PolicyDocument policy, int position)
        {
            var matched = policy.Matched(position);
            (matched.Effect == Effect.Deny ? Denies : Allows).Add(matched);
        }
    }

    static (Decision Decision, string Reason) Run(PolicySet policies, AccessRequest request, Trace? trace)
    {
        var denied = false;
        var principal = request.Principal;
        // Identity-side policies and SCPs govern IAM principals only, not service principals or anonymous callers.
        var iamPrincipal = principal.Kind is not (PrincipalKind.Service or PrincipalKind.Anonymous or PrincipalKind.WebIdentity or PrincipalKind.Saml);

        var identity = PrincipalMatch.None;
        var boundary = PrincipalMatch.Exact;
        var session = PrincipalMatch.Exact;
        var scpLevelMissing = -1;
        if (iamPrincipal)
        {
            var identityPolicies = policies.Identity;
            for (var i = 0; i < identityPolicies.Count; i++) identity = Max(identity, Scan(identityPolicies[i], request, ref denied, trace));
            if (policies.PermissionsBoundary is { } b) boundary = Scan(b, request, ref denied, trace);
            if (policies.SessionPolicies.Count > 0)
            {
                session = PrincipalMatch.None;
                for (var i = 0; i < policies.SessionPolicies.Count; i++) session = Max(session, Scan(policies.SessionPolicies[i], request, ref denied, trace));
            }
            scpLevelMissing = ScanLevels(policies.ServiceControlPolicies, request, ref denied, trace);
        }
        var rcpLevelMissing = -1;
        if (ResourceControlPoliciesApply(policies, request))
            rcpLevelMissing = ScanLevels(policies.ResourceControlPolicies, request, ref denied, trace);
        var resource = policies.ResourcePolicy is { } rp ? Scan(rp, request, ref denied, trace) : PrincipalMatch.None;

        if (denied) return (Decision.ExplicitDeny, "an explicit Deny applies");
        if (scpLevelMissing >= 0) return (Decision.ImplicitDeny, $"no service control policy at level {scpLevelMissing} allows the action");
        if (rcpLevelMissing >= 0) return (Decision.ImplicitDeny, $"no resource control policy at level {rcpLevelMissing} allows the action");

        var boundaryOk = boundary != PrincipalMatch.None;
        var sessionOk = session != PrincipalMatch.None;
        if (!iamPrincipal)
            return resource is PrincipalMatch.Exact or PrincipalMatch.Wildcard
                ? (Decision.Allowed, "the resource policy allows the caller")
                : (Decision.ImplicitDeny, "no resource policy statement allows the caller");

        // Key policies and role trust policies are the only source of access: identity policies count only
        // when the resource policy at least delegates to the account.
        var resourcePolicyGatesIdentity = policies.ResourcePolicy is { } gate
            && (gate.Kind == PolicyKind.Trust || request.Action.Service == "kms");
        var identitySide = identity != PrincipalMatch.None && boundaryOk && sessionOk
            && (!resourcePolicyGatesIdentity || resource != PrincipalMatch.None);

        if (request.IsCrossAccount)
        {
            if (resource == PrincipalMatch.None)
                return (Decision.ImplicitDeny, "cross-account access needs the resource policy to allow the caller");
            return identitySide
                ? (Decision.Allowed, "the identity policies and the resource policy both allow the cross-account request")
                : (Decision.ImplicitDeny, ImplicitIdentityReason(identity, boundaryOk, sessionOk));
        }
        // Within an account a resource policy grants on its own, but how far depends on how it names the caller:
        // an IAM user ARN or a session ARN is not limited by boundary or session policy; a role ARN or * is.
        var resourceSide = resource switch
        {
            PrincipalMatch.Exact => true,
            PrincipalMatch.Role or PrincipalMatch.Wildcard => boundaryOk && sessionOk,
            _ => false,
        };
        if (identitySide || resourceSide) return (Decision.Allowed, identitySide ? "allowed by the identity policies" : "allowed by the resource policy");
        if (resource is PrincipalMatch.Role or PrincipalMatch.Wildcard)
            return (Decision.ImplicitDeny, !boundaryOk
                ? "the resource policy allows, but the permissions boundary does not"
                : "the resource policy allows, but the session policy does not");
        return (Decision.ImplicitDeny, ImplicitIdentityReason(identity, boundaryOk, sessionOk, resourcePolicyGatesIdentity && resource == PrincipalMatch.None));
    }

    static string ImplicitIdentityReason(PrincipalMatch identity, bool boundaryOk, bool sessionOk, bool gatedByResourcePolicy = false) =>
        identity == PrincipalMatch.None ? "no identity-based policy allows the action"
        : !boundaryOk ? "the permissions boundary does not allow the action"
        : !sessionOk ? "the session policy does not allow the action"
        : gatedByResourcePolicy ? "the key or trust policy does not allow the account or the caller"
        : "no policy allows the action";

    /// <summary>
    /// RCPs govern requests to resources of the services AWS lists as supporting them, in the account they guard, and
    /// never what a service-linked role does (AWS exempts those).
    /// </summary>
    static bool ResourceControlPoliciesApply(PolicySet policies, AccessRequest request) =>
        policies.ResourceControlPolicies.Count > 0
        && IamCatalog.Default.SupportsResourceControlPolicies(request.Action.Service)
        && (policies.ResourceControlAccount is not { } guarded || request.ResourceAccount == guarded)
        && !request.Principal.IsServiceLinkedRole;

    static PrincipalMatch Max(PrincipalMatch a, PrincipalMatch b) => a >= b ? a : b;

    /// <summary>The first level (root first) where no policy allows, or -1 when every level allows.</summary>
    static int ScanLevels(IReadOnlyList<IReadOnlyList<PolicyDocument>> levels, AccessRequest request, ref bool denied, Trace? trace)
    {
        var missing = -1;
        for (var i = 0; i < levels.Count; i++)
        {
            var allowed = PrincipalMatch.None;
            var level = levels[i];
            for (var j = 0; j < level.Count; j++) allowed = Max(allowed, Scan(level[j], request, ref denied, trace));
            if (allowed == PrincipalMatch.None && missing < 0) missing = i;
        }
        return missing;
    }

    /// <summary>Marks denial and returns the best principal match among the allowing statements.</summary>
    static PrincipalMatch Scan(PolicyDocument policy, AccessRequest request, ref bool denied, Trace? trace)
    {
        var best = PrincipalMatch.None;
        if (!policy.Services.MayMatch(request.Action.ServiceId)) return best;
        var statements = policy.StatementArray;
        for (var i = 0; i < statements.Length; i++)
        {
            var s = statements[i];
            if (!s.MatchesAction(request.Action)) continue;
            var match = s.MatchPrincipal(request.Principal);
            if (match == PrincipalMatch.None) continue;
            if (!s.MatchesResource(request.Resource, request)) continue;
            if (!ConditionsHold(s, request)) continue;
            trace?.Add(policy, i);
            if (s.Effect == Effect.Deny) denied = true;
            else best = Max(best, match);
        }
        return best;
    }

    static bool ConditionsHold(Statement s, AccessRequest request)
    {
        if (s.Conditions.Count == 0) return true;
        if (request.FreeKey is not { } free) return s.ConditionsHold(request);
        for (var i = 0; i < s.Conditions.Count; i++)
        {
            var clause = s.Conditions[i];
            // A key the caller controls is set the caller's way: to satisfy an Allow and to escape a Deny.
            var holds = free(clause.Key) ? s.Effect == Effect.Allow : clause.Evaluate(request);
            if (!holds) return false;
        }
        return true;
    }
}
