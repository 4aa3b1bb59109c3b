using CloudAudit.Checks.Framework;
using CloudAudit.Inventory;
using CloudAudit.Checks.Policies;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Views;
using CloudAudit.Policy.Model;

namespace CloudAudit.Checks.DataPerimeter;

/// <summary>
/// aws-dp-001 … aws-dp-005: a resource-based policy that lets principals outside the organization in. Each
/// service's check supplies its resources and its fix; the decision is the engine's
/// (<see cref="Perimeter.Breaches"/>): public → HIGH, any account through a service or from allowed networks →
/// MEDIUM, named accounts outside the organization → MEDIUM, named accounts of unknown membership → LOW.
/// Access limited to the organization is inside the perimeter and passes.
/// </summary>
public abstract class PerimeterCheck : Check
{
    /// <summary>The reads every perimeter check shares: the organization that defines "outside".</summary>
    protected static readonly ApiCall[] OrganizationReads = [ResourcePolicyCalls.DescribeOrganization, ResourcePolicyCalls.ListAccounts];

    /// <summary>The resources with their policies (null when a resource has none), and the gaps.</summary>
    protected abstract Gathered<ResourcePolicyRead> Resources(ResourcePolicyView view);

    /// <summary>The service and operation that read a policy, for gaps about unreadable documents.</summary>
    protected abstract (string Service, string Operation) PolicyRead { get; }

    /// <summary>What the resource type is called in sentences ("bucket", "topic").</summary>
    protected abstract string Noun { get; }

    /// <summary>The breaches that stand once service-specific settings are applied (S3 Block Public Access).</summary>
    protected virtual IReadOnlyList<PerimeterBreach> InForce(CheckContext context, ResourcePolicyRead resource,
        IReadOnlyList<PerimeterBreach> breaches, Verdict verdict) => breaches;

    /// <summary>Slot values of the fix; <paramref name="restricted"/> is the policy with each breaching statement restricted.</summary>
    protected abstract SlotValues Slots(CheckContext context, ResourcePolicyRead resource, string restricted);

    /// <summary>Records the finding(s) for one resource; by default one, with the restricted policy as the fix.</summary>
    protected virtual void Report(CheckContext context, Verdict verdict, ResourcePolicyRead resource, IReadOnlyList<PerimeterBreach> breaches,
        OrganizationFacts organization)
    {
        var restricted = Perimeter.Restrict(resource.PolicyText!, breaches, organization, context.AccountId);
        verdict.Fail(resource.ResourceArn, resource.Region, Sentence(resource, breaches, organization),
            Slots(context, resource, restricted), severity: SeverityOf(breaches));
    }

    public override void Evaluate(CheckContext context, Verdict verdict)
    {
        var resources = Resources(context.Data.ResourcePolicies());
        verdict.AddGaps(resources.Gaps);
        var organization = OrganizationFacts.Of(context);
        var cache = context.Policies();
        foreach (var resource in resources.Items)
        {
            if (resource.PolicyText is not { } text)
            {
                verdict.Scanned(resource.ResourceArn);
                continue;
            }
            var parsed = cache.Get(text, PolicyKind.Resource, resource.ResourceArn);
            if (!parsed.TryGet(out var policy))
            {
                verdict.Gap(DataGap.UnreadablePolicy(resource.Region, PolicyRead.Service, PolicyRead.Operation, resource.ResourceArn, parsed.Error!));
                continue;
            }
            verdict.Scanned(resource.ResourceArn);
            var breaches = InForce(context, resource, Perimeter.Breaches(policy, resource.ResourceArn, context.AccountId, organization), verdict);
            if (breaches.Count > 0)
                Report(context, verdict, resource, breaches, organization);
        }
        if (verdict.ResourcesScanned == 0 && verdict.Gaps.Count == 0)
            verdict.NotApplicable($"no {Noun} in the scanned regions");
    }

    protected string Sentence(ResourcePolicyRead resource, IEnumerable<PerimeterBreach> breaches, OrganizationFacts organization) =>
        $"The policy of {Noun} {resource.Name}: {string.Join("; ", breaches.Select(b => Perimeter.Describe(b, organization)))}.";

    public static Severity SeverityOf(IEnumerable<PerimeterBreach> breaches) => breaches.Min(b => b.Tier) switch
    {
        PerimeterTier.Public => Severity.High,
        PerimeterTier.NamedUnknown => Severity.Low,
        _ => Severity.Medium,
    };

    /// <summary>The part of every perimeter check's description that explains the decision.</summary>
    protected static string HowDecided(string policyName) =>
        $"Evaluates each {policyName} with the IAM policy engine for callers outside the account: anonymous callers, any AWS "
        + "account, accounts of another organization, AWS services acting for any account, and each account the policy names. "
        + "Conditions that tie the caller to you (aws:PrincipalOrgID, aws:PrincipalAccount, aws:SourceAccount, aws:SourceArn, "
        + "aws:SourceOwner, aws:SourceVpce) count as AWS applies them, so org-wide access passes. Severity follows the reach: "
        + "public HIGH; any account through an AWS service (confused deputy) or from the allowed networks MEDIUM; named accounts "
        + "outside the organization MEDIUM; named accounts whose membership the scan cannot see (it runs in a member account) LOW.";
}
