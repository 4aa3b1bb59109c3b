using System.Text.Json.Nodes;
using static CloudAudit.Inventory.Catalog.JsonParams;

namespace CloudAudit.Inventory.Catalog;

/// <summary>
/// Reads of the organization policies that govern the account: its parents up to the root, the service control
/// policies (SCPs) and the resource control policies (RCPs) attached to the account, to each OU on the way and to
/// the root, and each policy's text. Only the management account or a delegated administrator may make them; a
/// member account is refused, which the checks reading them report. The management account, which neither SCPs nor
/// RCPs govern, is not asked.
/// </summary>
/// <remarks>
/// The collector follows no recursion, so the walk up the hierarchy is a fixed chain of steps: step 0 asks for the
/// account's parent, each next step for the parent of the OU the previous one found. OUs nest at most five deep,
/// so six steps always reach the root. Each step also reads the policies of the child it asked about and of the
/// parents it found; the collector makes an identical request once (an OU is one step's parent and the next
/// step's child, FullAWSAccess is attached everywhere).
/// </remarks>
public static class OrganizationCalls
{
    public const int HierarchySteps = 6;
    public const string ServiceControlPolicy = "SERVICE_CONTROL_POLICY";
    public const string ResourceControlPolicy = "RESOURCE_CONTROL_POLICY";

    public static readonly ApiCall DescribeOrganization = ResourcePolicyCalls.DescribeOrganization;

    /// <summary>One step up the hierarchy: the ListParents request and the SCP and RCP reads it leads to.</summary>
    public sealed record HierarchyStep(ApiCall ListParents, ApiCall ListPolicies, ApiCall DescribePolicy,
        ApiCall ListResourceControlPolicies, ApiCall DescribeResourceControlPolicy)
    {
        /// <summary>The ListPoliciesForTarget and DescribePolicy reads of one policy type.</summary>
        public (ApiCall List, ApiCall Describe) Of(string policyType) => policyType == ResourceControlPolicy
            ? (ListResourceControlPolicies, DescribeResourceControlPolicy)
            : (ListPolicies, DescribePolicy);
    }

    public static readonly IReadOnlyList<HierarchyStep> Steps = BuildSteps();

    /// <summary>The calls a check declares to read the account's SCPs (their ancestors are planned with them).</summary>
    public static IReadOnlyList<ApiCall> ServiceControlPolicyReads { get; } = [.. Steps.Select(s => s.DescribePolicy)];

    /// <summary>The calls a check declares to read the account's RCPs (the walk up the hierarchy is shared with the SCPs').</summary>
    public static IReadOnlyList<ApiCall> ResourceControlPolicyReads { get; } = [.. Steps.Select(s => s.DescribeResourceControlPolicy)];

    public static JsonObject ParentsOf(string childId) => Of(("ChildId", childId));

    public static JsonObject PoliciesOf(string targetId, string policyType = ServiceControlPolicy) => Of(("TargetId", targetId), ("Filter", policyType));

    public static JsonObject Policy(string policyId) => Of(("PolicyId", policyId));

    private static List<HierarchyStep> BuildSteps()
    {
        var steps = new List<HierarchyStep>();
        var listParents = ApiCall.PerResource(DescribeOrganization, "organizations", "ListParents", parent =>
            parent.Response["Organization"].Str("MasterAccountId") == parent.AccountId
                ? []
                : [new CallTarget(AwsIds.GlobalRegion, ParentsOf(parent.AccountId))]);
        for (var step = 0; step < HierarchySteps; step++)
        {
            if (step > 0)
                listParents = ApiCall.PerResource(steps[^1].ListParents, "organizations", "ListParents", parent =>
                    Items(parent.Response, "Parents").Where(p => p.Str("Type") == "ORGANIZATIONAL_UNIT").Select(p => p.Str("Id")).OfType<string>()
                        .Select(id => new CallTarget(AwsIds.GlobalRegion, ParentsOf(id))));
            var (listScps, describeScps) = PolicyReads(listParents, ServiceControlPolicy);
            var (listRcps, describeRcps) = PolicyReads(listParents, ResourceControlPolicy);
            steps.Add(new HierarchyStep(listParents, listScps, describeScps, listRcps, describeRcps));
        }
        return steps;
    }

    /// <summary>The policies of one type attached to the child a ListParents step asked about and to the parents it found, and their texts.</summary>
    private static (ApiCall List, ApiCall Describe) PolicyReads(ApiCall listParents, string policyType)
    {
        var list = ApiCall.PerResource(listParents, "organizations", "ListPoliciesForTarget", parent =>
            new[] { parent.Parameters.Str("ChildId") }.Concat(Items(parent.Response, "Parents").Select(p => p.Str("Id"))).OfType<string>()
                .Select(id => new CallTarget(AwsIds.GlobalRegion, PoliciesOf(id, policyType))));
        var describe = ApiCall.PerResource(list, "organizations", "DescribePolicy", parent =>
            Items(parent.Response, "Policies").Select(p => p.Str("Id")).OfType<string>()
                .Select(id => new CallTarget(AwsIds.GlobalRegion, Policy(id))));
        return (list, describe);
    }
}
