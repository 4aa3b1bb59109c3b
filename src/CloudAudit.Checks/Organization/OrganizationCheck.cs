using CloudAudit.Checks.Framework;
using CloudAudit.Inventory;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Snapshot;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.Organization;

/// <summary>The organization an organization check judges, and whose data it judges it on.</summary>
/// <param name="IsManagementAccount">Whether the data is the management account's (else a delegated administrator's).</param>
public sealed record OrganizationContext(CheckContext Account, string OrganizationId, string ManagementAccountId, bool IsManagementAccount)
{
    public AccountData Data => Account.Data;

    /// <summary>The organization's ARN: the resource its findings name (or a part of it, after a slash).</summary>
    public string Arn => $"arn:{Account.Partition}:organizations::{ManagementAccountId}:organization/{OrganizationId}";
}

/// <summary>
/// A check of the organization itself (its delegated administrators, its trail, its guardrails). A scan with
/// <c>--organization</c> evaluates it once, on the data read by the caller (the management account or a delegated
/// administrator), never once per member. A scan of one account evaluates it on that account's own data; a check
/// whose reads are the management account's and delegated administrators' (<see cref="RefusedToMembers"/>) is NOT
/// APPLICABLE in a member refused them, with where it is evaluated, never PASS. Under <c>--organization</c> the caller
/// may read the organization, so the same refusal is a permission gap: NOT ASSESSED with its cause.
/// </summary>
public abstract class OrganizationCheck : Check
{
    public const string EvaluatedAtTheOrganization = "evaluated at the organization: scan with --organization from the management account "
        + "or a delegated administrator (this account is a member, refused the organization's reads)";

    private IReadOnlyList<ApiCall>? reads;

    /// <summary>The reads of the organization's data <see cref="EvaluateOrganization"/> makes, beside DescribeOrganization.</summary>
    protected abstract IReadOnlyList<ApiCall> OrganizationReads { get; }

    /// <summary>A read only the management account and delegated administrators may make: its refusal marks a plain member. Null when the check has none.</summary>
    protected virtual ApiCall? RefusedToMembers => null;

    public sealed override IReadOnlyList<ApiCall> Reads =>
        reads ??= [ResourcePolicyCalls.DescribeOrganization, .. OrganizationReads];

    protected abstract void EvaluateOrganization(OrganizationContext organization, Verdict verdict);

    public sealed override void Evaluate(CheckContext context, Verdict verdict)
    {
        if (!context.Data.ResourcePolicies().Organization().TryGet(out var organization, out var gap))
        {
            verdict.Gap(gap!);
            return;
        }
        if (!organization.InOrganization || organization.MasterAccountId is null)
        {
            verdict.NotApplicable("the account is not in an AWS Organization");
            return;
        }
        var isManagement = organization.MasterAccountId == context.AccountId;
        if (!isManagement && RefusedToMembers is { } call && context.Data.Global(call).Gap is { Kind: ErrorKind.AccessDenied } refused)
        {
            if (context.OrganizationScope)
                verdict.Gap(refused);
            else
                verdict.NotApplicable(EvaluatedAtTheOrganization);
            return;
        }
        EvaluateOrganization(new OrganizationContext(context, organization.Id!, organization.MasterAccountId, isManagement), verdict);
    }
}
