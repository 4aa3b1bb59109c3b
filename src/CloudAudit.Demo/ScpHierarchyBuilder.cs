using System.Text.Json.Nodes;
using CloudAudit.Inventory;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Snapshot;

namespace CloudAudit.Demo;

/// <summary>A service control policy as Organizations describes it.</summary>
public sealed record Scp(string Id, string Name, string Content)
{
    /// <summary>The policy AWS attaches to every node when SCPs are enabled.</summary>
    public static readonly Scp FullAwsAccess = new("p-FullAWSAccess", "FullAWSAccess",
        """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""");
}

/// <summary>
/// Records the Organizations answers that show the SCPs governing one account (see <see cref="OrganizationCalls"/>):
/// the account, then each parent up to the root, each with the SCPs attached to it. Each policy is described once.
/// </summary>
public sealed class ScpHierarchyBuilder(string accountId, params Scp[] accountPolicies)
{
    private readonly List<(string Id, string Type, Scp[] Policies)> _path = [(accountId, "ACCOUNT", accountPolicies)];

    /// <summary>The next parent up: an OU (ou-…) or, last, the root (r-…).</summary>
    public ScpHierarchyBuilder Under(string id, params Scp[] policies)
    {
        _path.Add((id, id.StartsWith("r-", StringComparison.Ordinal) ? "ROOT" : "ORGANIZATIONAL_UNIT", policies));
        return this;
    }

    public void Record(DemoRecorder a)
    {
        for (var step = 0; step + 1 < _path.Count; step++)
        {
            var parent = _path[step + 1];
            a.Target(OrganizationCalls.Steps[step].ListParents, AwsIds.GlobalRegion, OrganizationCalls.ParentsOf(_path[step].Id),
                new JsonObject { ["Parents"] = new JsonArray(new JsonObject { ["Id"] = parent.Id, ["Type"] = parent.Type }) }.ToJsonString());
        }
        foreach (var (id, _, policies) in _path)
            a.Target(OrganizationCalls.Steps[0].ListPolicies, AwsIds.GlobalRegion, OrganizationCalls.PoliciesOf(id),
                new JsonObject { ["Policies"] = new JsonArray([.. policies.Select(p => (JsonNode)Summary(p))]) }.ToJsonString());
        foreach (var policy in _path.SelectMany(n => n.Policies).DistinctBy(p => p.Id))
            a.Target(OrganizationCalls.Steps[0].DescribePolicy, AwsIds.GlobalRegion, OrganizationCalls.Policy(policy.Id),
                new JsonObject { ["Policy"] = new JsonObject { ["PolicySummary"] = Summary(policy), ["Content"] = policy.Content } }.ToJsonString());
    }

    /// <summary>The scan may not read the hierarchy: a member account that is not a delegated administrator.</summary>
    public static void Refused(DemoRecorder a) =>
        a.Failure(OrganizationCalls.Steps[0].ListParents, AwsIds.GlobalRegion, OrganizationCalls.ParentsOf(a.AccountId), ErrorKind.AccessDenied,
            "AccessDeniedException", "You don't have permissions to access this resource.");

    private static JsonObject Summary(Scp policy) => new()
    {
        ["Id"] = policy.Id,
        ["Arn"] = $"arn:aws:organizations::{DemoAccount.ManagementAccount}:policy/{DemoAccount.OrganizationId}/service_control_policy/{policy.Id}",
        ["Name"] = policy.Name,
        ["Type"] = OrganizationCalls.ServiceControlPolicy,
        ["AwsManaged"] = policy == Scp.FullAwsAccess,
    };
}
