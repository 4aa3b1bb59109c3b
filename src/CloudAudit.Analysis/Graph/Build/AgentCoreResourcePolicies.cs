using CloudAudit.Access.Resources;
using CloudAudit.Policy.Analysis;
using CloudAudit.Policy.Matching;

namespace CloudAudit.Analysis.Graph.Build;

/// <summary>
/// What an AgentCore runtime's or gateway's resource-based policy (bedrock-agentcore-control:GetResourcePolicy) adds
/// to who may invoke it. Principals of the account are decided by the engine with that policy in the data layer's
/// can_invoke edges; here the parties outside the account it admits, as the engine finds for hypothetical outside
/// callers (<see cref="ResourceExposure.Parties"/>: conditions on keys the caller controls count as met, conditions
/// such as aws:PrincipalOrgID or aws:SourceAccount restrict): anyone ("*") or another account gets a can_invoke edge.
/// Those callers sign with SigV4, so only a runtime without a JWT authorizer or a gateway of authorizer AWS_IAM lets them
/// in. No policy (ResourceNotFoundException) is an answer; an unread one is a gap.
/// </summary>
internal static class AgentCoreResourcePolicies
{
    public static readonly ActionName InvokeRuntime = ActionName.Parse("bedrock-agentcore:InvokeAgentRuntime");
    public static readonly ActionName InvokeGateway = ActionName.Parse("bedrock-agentcore:InvokeGateway");

    public const string Source = "bedrock-agentcore-control:GetResourcePolicy";

    public static void Add(GraphDraft g, IdentityLayer identity, ResourcePolicyLookup lookup, string id, string what, string arn,
        ActionName action, bool takesIamCallers, List<string> notes)
    {
        if (lookup.State == ResourcePolicyState.Unknown)
        {
            var why = lookup.Why ?? "its resource policy was not read";
            g.Gap($"who may invoke {what} (its resource policy)", why);
            notes.Add($"resource policy: not assessed ({why})");
            return;
        }
        if (lookup.State != ResourcePolicyState.Known) return;
        if (lookup.Policy is not { } policy)
        {
            notes.Add("no resource policy");
            return;
        }
        foreach (var party in ResourceExposure.Parties(policy, action, arn, g.AccountId))
        {
            var account = party.Party == "*" ? null : Arn.AccountOf(party.Party);
            if (account == g.AccountId) continue;
            if (!takesIamCallers)
            {
                notes.Add($"its resource policy admits {party.Description} ({action}), but its authorizer refuses SigV4 callers");
                continue;
            }
            var node = party.Party == "*" ? identity.AnyPrincipal() : account is { Length: 12 } ? identity.ExternalAccount(account) : null;
            if (node is null)
            {
                notes.Add($"its resource policy admits {party.Description} ({action})");
                continue;
            }
            var conditions = party.Conditions.Count == 0 ? "" : $", when {string.Join(" and ", party.Conditions)}";
            var who = party.Party == "*" ? "any AWS principal of any account" : $"principals of account {account}";
            g.Edge(node, id, EdgeType.CanInvoke, Evidence.Grant(Source, $"the resource policy of {what} lets {who} call {action}{conditions}",
                statements: [.. party.Via.Select(StatementRef.Of)]));
            if (party.Party == "*") g.SetAttr(id, "public_resource_policy", "true");
        }
    }
}
