using System.Text.Json.Serialization;
using CloudAudit.Inventory.Catalog;

namespace CloudAudit.Inventory.Views;

/// <summary>An SCP attached to a level of the hierarchy, with its JSON text.</summary>
public sealed record ScpText(string Id, string? Name, string Content);

/// <summary>A node of the organization (the root, an OU or the account) and the SCPs attached to it.</summary>
public sealed record ScpLevel(string TargetId, string TargetType, IReadOnlyList<ScpText> Policies);

public sealed record OrganizationParent(string Id, string? Type);
public sealed record ListParentsResponse(List<OrganizationParent>? Parents);
public sealed record OrganizationPolicySummary(string Id, string? Name);
public sealed record ListPoliciesForTargetResponse(List<OrganizationPolicySummary>? Policies);
public sealed record OrganizationPolicy(OrganizationPolicySummary? PolicySummary, string? Content);
public sealed record DescribePolicyResponse(OrganizationPolicy? Policy);

/// <summary>The service control policies that govern an account, as <see cref="OrganizationCalls"/> read them.</summary>
public sealed class ServiceControlPolicyView(AccountData data)
{
    /// <summary>
    /// The levels from the root down to the account (root first), or the first read that is missing. A member
    /// account's scan is usually refused the first one (organizations:ListParents).
    /// </summary>
    public Observed<IReadOnlyList<ScpLevel>> Levels(string accountId)
    {
        var path = new List<OrganizationParent> { new(accountId, "ACCOUNT") };
        for (var step = 0; step < OrganizationCalls.HierarchySteps && path[^1].Type != "ROOT"; step++)
        {
            var child = path[^1].Id;
            var read = ViewJson.Read(data.ForTarget(OrganizationCalls.Steps[step].ListParents, Global(OrganizationCalls.ParentsOf(child))),
                ScpJson.Default.ListParentsResponse);
            if (!read.TryGet(out var parents, out var gap)) return Missing(gap!);
            if (parents.Parents is not [var parent])
                return Missing(DataGap.OutOfReach(AwsIds.GlobalRegion, "organizations", "ListParents", "the answer names no single parent", child));
            path.Add(parent);
        }
        if (path[^1].Type != "ROOT")
            return Missing(DataGap.OutOfReach(AwsIds.GlobalRegion, "organizations", "ListParents",
                $"the root is more than {OrganizationCalls.HierarchySteps} steps above the account", path[^1].Id));

        // Every step declares the same two reads, and a stored answer is found by its parameters: step 0's will do.
        var levels = new List<ScpLevel>();
        foreach (var node in Enumerable.Reverse(path))
        {
            var listed = ViewJson.Read(data.ForTarget(OrganizationCalls.Steps[0].ListPolicies, Global(OrganizationCalls.PoliciesOf(node.Id))),
                ScpJson.Default.ListPoliciesForTargetResponse);
            if (!listed.TryGet(out var attached, out var listGap)) return Missing(listGap!);
            var policies = new List<ScpText>();
            foreach (var summary in attached.Policies ?? [])
            {
                var described = ViewJson.Read(data.ForTarget(OrganizationCalls.Steps[0].DescribePolicy, Global(OrganizationCalls.Policy(summary.Id))),
                    ScpJson.Default.DescribePolicyResponse);
                if (!described.TryGet(out var policy, out var policyGap)) return Missing(policyGap!);
                if (policy.Policy?.Content is not { } content)
                    return Missing(DataGap.OutOfReach(AwsIds.GlobalRegion, "organizations", "DescribePolicy", "the answer has no policy text", summary.Id));
                policies.Add(new ScpText(summary.Id, summary.Name, content));
            }
            levels.Add(new ScpLevel(node.Id, node.Type ?? "", policies));
        }
        return Observed<IReadOnlyList<ScpLevel>>.Of(levels);
    }

    private static CallTarget Global(System.Text.Json.Nodes.JsonObject parameters) => new(AwsIds.GlobalRegion, parameters);

    private static Observed<IReadOnlyList<ScpLevel>> Missing(DataGap gap) => Observed<IReadOnlyList<ScpLevel>>.Missing(gap);
}

[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = false)]
[JsonSerializable(typeof(ListParentsResponse))]
[JsonSerializable(typeof(ListPoliciesForTargetResponse))]
[JsonSerializable(typeof(DescribePolicyResponse))]
internal sealed partial class ScpJson : JsonSerializerContext;
