using CloudAudit.Analysis;
using CloudAudit.Checks.Framework;

namespace CloudAudit.Reports.Shared;

/// <summary>
/// Whom a finding or result is reported under: its account, or, for what a scan with --organization evaluated once for
/// the organization, the organization ("organization o-a1b2c3d4e5"), never the member whose data it was judged on.
/// </summary>
public static class Owner
{
    public static string Of(Finding finding, ScanOrganization? organization) => Of(finding.Scope, finding.AccountId, organization);

    public static string Of(CheckResult result, ScanOrganization? organization) => Of(result.Scope, result.AccountId, organization);

    /// <summary>"organization o-…" (just "organization" when the report names none).</summary>
    public static string Organization(ScanOrganization? organization) =>
        organization is { } o ? $"organization {o.Id}" : "organization";

    private static string Of(CheckScope scope, string accountId, ScanOrganization? organization) =>
        scope == CheckScope.Organization ? Organization(organization) : accountId;
}
