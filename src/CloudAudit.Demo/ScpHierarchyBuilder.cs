using System.Text.Json.Nodes;
using CloudAudit.Inventory;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Snapshot;

namespace CloudAudit.Demo;

/// <summary>A service control policy (or, in a builder for RCPs, a resource control policy) as Organizations describes it.</summary>
public sealed record Scp(string Id, string Name, string Content)
{
    /// <summary>The policy AWS attaches to every node when SCPs are enabled.</summary>
    public static readonly Scp FullAwsAccess = new("p-FullAWSAccess", "FullAWSAccess",
        """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""");

    /// <summary>The RCP AWS attaches to every node when RCPs are enabled; it cannot be detached.</summary>
    public static readonly Scp RcpFullAwsAccess = new("p-RCPFullAWSAccess", "RCPFullAWSAccess",
        """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}""");
}

/// <summary>
/// Records the Organizations answers that show the SCPs (or, with <paramref name="policyType"/>, the RCPs) governing
/// one account (see <see cref="OrganizationCalls"/>): the account, then each parent up to the root, each with the
/// policies attached to it. Each policy is described once.
/// </summary>
public sealed class ScpHierarchyBuilder(string accountId, Scp[] accountPolicies, string policyType = OrganizationCalls.ServiceControlPolicy)
{
    public ScpHierarchyBuilder(string accountId, params Scp[] accountPolicies) : this(accountId, accountPolicies, OrganizationCalls.ServiceControlPolicy) { }

    private readonly List<(string Id, string Type, Scp[] Policies)> _path = [(accountId, "ACCOUNT", accountPolicies)];

    /// <summary>The next parent up: an OU (ou-…) or, last, the root (r-…).</summary>
    public ScpHierarchyBuilder Under(string id, params Scp[] policies)
    {
        _path.Add((id, id.StartsWith("r-", StringComparison.Ordinal) ? "ROOT" : "ORGANIZATIONAL_UNIT", policies));
        return this;
    }

    /// <summary>
    /// For an SCP builder: whether <see cref="Record"/> also records that the organization has not enabled RCPs (no
    /// RCP on any node). Off when an RCP builder over the same hierarchy records them.
    /// </summary>
    public bool RcpsNotEnabled { get; init; } = policyType == OrganizationCalls.ServiceControlPolicy;

    /// <summary>Records the walk up the hierarchy and the policies on the way.</summary>
    public void Record(DemoRecorder a)
    {
        for (var step = 0; step + 1 < _path.Count; step++)
        {
            var parent = _path[step + 1];
            a.Target(OrganizationCalls.Steps[step].ListParents, AwsIds.GlobalRegion, OrganizationCalls.ParentsOf(_path[step].Id),
                new JsonObject { ["Parents"] = new JsonArray(new JsonObject { ["Id"] = parent.Id, ["Type"] = parent.Type }) }.ToJsonString());
        }
        RecordPolicies(a);
        if (RcpsNotEnabled)
            foreach (var (id, _, _) in _path)
                a.Target(OrganizationCalls.Steps[0].ListResourceControlPolicies, AwsIds.GlobalRegion,
                    OrganizationCalls.PoliciesOf(id, OrganizationCalls.ResourceControlPolicy), """{"Policies":[]}""");
    }

    /// <summary>Records the policies alone: another builder over the same hierarchy recorded the walk.</summary>
    public void RecordPolicies(DemoRecorder a)
    {
        var (list, describe) = OrganizationCalls.Steps[0].Of(policyType);
        foreach (var (id, _, policies) in _path)
            a.Target(list, AwsIds.GlobalRegion, OrganizationCalls.PoliciesOf(id, policyType), ListAnswer(policyType, policies));
        foreach (var policy in _path.SelectMany(n => n.Policies).DistinctBy(p => p.Id))
            a.Target(describe, AwsIds.GlobalRegion, OrganizationCalls.Policy(policy.Id),
                new JsonObject { ["Policy"] = new JsonObject { ["PolicySummary"] = Summary(policyType, policy), ["Content"] = policy.Content } }.ToJsonString());
    }

    /// <summary>The scan may not read the hierarchy: a member account that is not a delegated administrator.</summary>
    public static void Refused(DemoRecorder a) =>
        a.Failure(OrganizationCalls.Steps[0].ListParents, AwsIds.GlobalRegion, OrganizationCalls.ParentsOf(a.AccountId), ErrorKind.AccessDenied,
            "AccessDeniedException", "You don't have permissions to access this resource.");

    /// <summary>ListPoliciesForTarget's answer for a node carrying <paramref name="policies"/> of one type.</summary>
    public static string ListAnswer(string policyType, params Scp[] policies) =>
        new JsonObject { ["Policies"] = new JsonArray([.. policies.Select(p => (JsonNode)Summary(policyType, p))]) }.ToJsonString();

    private static JsonObject Summary(string policyType, Scp policy) => new()
    {
        ["Id"] = policy.Id,
        ["Arn"] = $"arn:aws:organizations::{DemoAccount.ManagementAccount}:policy/{DemoAccount.OrganizationId}/{policyType.ToLowerInvariant()}/{policy.Id}",
        ["Name"] = policy.Name,
        ["Type"] = policyType,
        ["AwsManaged"] = policy == Scp.FullAwsAccess || policy == Scp.RcpFullAwsAccess,
    };
}
