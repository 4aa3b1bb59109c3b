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
/// administrator), never once per member. A scan of one account evaluates it on that account's own data when the
/// account is the management account or may read the organization (a delegated administrator); for a member that is
/// refused the organization's reads it is NOT APPLICABLE, with where it is evaluated, never PASS.
/// </summary>
public abstract class OrganizationCheck : Check
{
    public const string EvaluatedAtTheOrganization = "evaluated at the organization: scan with --organization from the management account "
        + "or a delegated administrator (this account is a member, refused the organization's reads)";

    private IReadOnlyList<ApiCall>? reads;

    /// <summary>The reads of the organization's data <see cref="EvaluateOrganization"/> makes, beside DescribeOrganization.</summary>
    protected abstract IReadOnlyList<ApiCall> OrganizationReads { get; }

    public sealed override IReadOnlyList<ApiCall> Reads =>
        reads ??= [ResourcePolicyCalls.DescribeOrganization, OrganizationServiceCalls.ListServiceAccess, .. OrganizationReads];

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
        // ListAWSServiceAccessForOrganization is open to the management account and delegated administrators only.
        if (!isManagement && context.Data.Global(OrganizationServiceCalls.ListServiceAccess).Gap is { Kind: ErrorKind.AccessDenied })
        {
            verdict.NotApplicable(EvaluatedAtTheOrganization);
            return;
        }
        EvaluateOrganization(new OrganizationContext(context, organization.Id!, organization.MasterAccountId, isManagement), verdict);
    }
}
