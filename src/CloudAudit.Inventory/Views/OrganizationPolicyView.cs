using System.Text.Json.Serialization;
using CloudAudit.Inventory.Catalog;

namespace CloudAudit.Inventory.Views;

/// <summary>An organization policy (an SCP or an RCP) attached to a level of the hierarchy, with its JSON text.</summary>
public sealed record OrganizationPolicyText(string Id, string? Name, string Content);

/// <summary>A node of the organization (the root, an OU or the account) and the policies of one type attached to it.</summary>
public sealed record OrganizationPolicyLevel(string TargetId, string TargetType, IReadOnlyList<OrganizationPolicyText> Policies);

public sealed record OrganizationParent(string Id, string? Type);
public sealed record ListParentsResponse(List<OrganizationParent>? Parents);
public sealed record OrganizationPolicySummary(string Id, string? Name);
public sealed record ListPoliciesForTargetResponse(List<OrganizationPolicySummary>? Policies);
public sealed record OrganizationPolicy(OrganizationPolicySummary? PolicySummary, string? Content);
public sealed record DescribePolicyResponse(OrganizationPolicy? Policy);

/// <summary>
/// The organization policies of one type (<see cref="OrganizationCalls.ServiceControlPolicy"/> or
/// <see cref="OrganizationCalls.ResourceControlPolicy"/>) that govern an account, as <see cref="OrganizationCalls"/> read them.
/// </summary>
public sealed class OrganizationPolicyView(AccountData data, string policyType)
{
    public string PolicyType => policyType;

    /// <summary>
    /// The levels from the root down to the account (root first), or the first read that is missing. A member
    /// account's scan is usually refused the first one (organizations:ListParents).
    /// </summary>
    public Observed<IReadOnlyList<OrganizationPolicyLevel>> Levels(string accountId)
    {
        var path = new List<OrganizationParent> { new(accountId, "ACCOUNT") };
        for (var step = 0; step < OrganizationCalls.HierarchySteps && path[^1].Type != "ROOT"; step++)
        {
            var child = path[^1].Id;
            var read = ViewJson.Read(data.ForTarget(OrganizationCalls.Steps[step].ListParents, Global(OrganizationCalls.ParentsOf(child))),
                OrganizationPolicyJson.Default.ListParentsResponse);
            if (!read.TryGet(out var parents, out var gap)) return Missing(gap!);
            if (parents.Parents is not [var parent])
                return Missing(DataGap.OutOfReach(AwsIds.GlobalRegion, "organizations", "ListParents", "the answer names no single parent", child));
            path.Add(parent);
        }
        if (path[^1].Type != "ROOT")
            return Missing(DataGap.OutOfReach(AwsIds.GlobalRegion, "organizations", "ListParents",
                $"the root is more than {OrganizationCalls.HierarchySteps} steps above the account", path[^1].Id));

        // Every step declares the same two reads, and a stored answer is found by its parameters: step 0's will do.
        var (list, describe) = OrganizationCalls.Steps[0].Of(policyType);
        var levels = new List<OrganizationPolicyLevel>();
        foreach (var node in Enumerable.Reverse(path))
        {
            var listed = ViewJson.Read(data.ForTarget(list, Global(OrganizationCalls.PoliciesOf(node.Id, policyType))),
                OrganizationPolicyJson.Default.ListPoliciesForTargetResponse);
            if (!listed.TryGet(out var attached, out var listGap)) return Missing(listGap!);
            var policies = new List<OrganizationPolicyText>();
            foreach (var summary in attached.Policies ?? [])
            {
                var described = ViewJson.Read(data.ForTarget(describe, Global(OrganizationCalls.Policy(summary.Id))),
                    OrganizationPolicyJson.Default.DescribePolicyResponse);
                if (!described.TryGet(out var policy, out var policyGap)) return Missing(policyGap!);
                if (policy.Policy?.Content is not { } content)
                    return Missing(DataGap.OutOfReach(AwsIds.GlobalRegion, "organizations", "DescribePolicy", "the answer has no policy text", summary.Id));
                policies.Add(new OrganizationPolicyText(summary.Id, summary.Name, content));
            }
            levels.Add(new OrganizationPolicyLevel(node.Id, node.Type ?? "", policies));
        }
        return Observed<IReadOnlyList<OrganizationPolicyLevel>>.Of(levels);
    }

    private static CallTarget Global(System.Text.Json.Nodes.JsonObject parameters) => new(AwsIds.GlobalRegion, parameters);

    private static Observed<IReadOnlyList<OrganizationPolicyLevel>> Missing(DataGap gap) => Observed<IReadOnlyList<OrganizationPolicyLevel>>.Missing(gap);
}

[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = false)]
[JsonSerializable(typeof(ListParentsResponse))]
[JsonSerializable(typeof(ListPoliciesForTargetResponse))]
[JsonSerializable(typeof(DescribePolicyResponse))]
internal sealed partial class OrganizationPolicyJson : JsonSerializerContext;
