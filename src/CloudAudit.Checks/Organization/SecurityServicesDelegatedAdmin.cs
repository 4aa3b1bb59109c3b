using CloudAudit.Checks.Framework;
using CloudAudit.Inventory;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Views;
using static CloudAudit.Inventory.Catalog.OrganizationServiceCalls;

namespace CloudAudit.Checks.Organization;

/// <summary>
/// CIS v7 2.1.6: GuardDuty, Security Hub, AWS Config and IAM Access Analyzer are run for the whole organization
/// from a delegated administrator that is not the management account.
/// </summary>
public sealed class SecurityServicesDelegatedAdmin : OrganizationCheck
{
    private const string AdminAccount = "SECURITY_ACCOUNT_ID";

    private static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [GuardDutyPrincipal] = "GuardDuty",
        [SecurityHubPrincipal] = "Security Hub",
        [ConfigPrincipal] = "AWS Config",
        [AccessAnalyzerPrincipal] = "IAM Access Analyzer",
    };

    private static readonly RemediationTemplate Register = new(
        Cli: """
            aws organizations enable-aws-service-access --service-principal {service_principal}
            aws organizations register-delegated-administrator --account-id {admin_account} --service-principal {service_principal}
            """,
        Terraform: """
            # Trusted access is a setting of the organization: add {service_principal} to aws_service_access_principals
            # of your aws_organizations_organization resource, then register the administrator.
            resource "aws_organizations_delegated_administrator" "{service_principal:id}" {
              account_id        = {admin_account}
              service_principal = {service_principal}
            }
            """,
        DocUrl: "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_integrate_services_list.html",
        Effort: Effort.Low) { When = "trusted access or the delegated administrator of a service is missing" };

    private static readonly RemediationTemplate GuardDutyAdmin = ServiceAdmin("guardduty", "GuardDuty",
        "https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_organizations.html");

    private static readonly RemediationTemplate SecurityHubAdmin = ServiceAdmin("securityhub", "Security Hub",
        "https://docs.aws.amazon.com/securityhub/latest/userguide/designate-orgs-admin-account.html");

    /// <summary>GuardDuty's and Security Hub's own administrator setting, per region (CLI command and Terraform resource share the service's name).</summary>
    private static RemediationTemplate ServiceAdmin(string service, string name, string docUrl) => new(
        Cli: $"aws {service} enable-organization-admin-account --admin-account-id {{admin_account}} --region {{region}}",
        Terraform: AdminAccountResource(service),
        DocUrl: docUrl,
        Effort: Effort.Low) { When = $"{name} names no administrator account for the organization in a region" };

    /// <summary>The service's own organization administrator in one region, as Terraform (the resource is named after the service).</summary>
    private static string AdminAccountResource(string service) => $$"""
        # The region argument needs AWS provider 6 or newer; with older providers use a provider alias per region.
        resource "aws_{{service}}_organization_admin_account" "{region:id}" {
          region           = {region}
          admin_account_id = {admin_account}
        }
        """;

    private static readonly RemediationTemplate GuardDutyOffManagement = MoveOffManagement("guardduty", "GuardDuty",
        "https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_organizations.html");

    private static readonly RemediationTemplate SecurityHubOffManagement = MoveOffManagement("securityhub", "Security Hub",
        "https://docs.aws.amazon.com/securityhub/latest/userguide/designate-orgs-admin-account.html");

    /// <summary>
    /// GuardDuty or Security Hub naming the management account as its administrator in a region: the service's own
    /// setting, changed per region (Organizations never registers the management account as a delegated administrator).
    /// </summary>
    private static RemediationTemplate MoveOffManagement(string service, string name, string docUrl) => new(
        Cli: $$"""
            aws {{service}} disable-organization-admin-account --admin-account-id {management_account} --region {region}
            aws {{service}} enable-organization-admin-account --admin-account-id {admin_account} --region {region}
            """,
        Terraform: $"# Run the CLI's disable-organization-admin-account first: {name} keeps one administrator per region.\n"
            + AdminAccountResource(service),
        DocUrl: docUrl,
        Effort: Effort.Medium) { When = $"{name} names the management account as its administrator in a region" };

    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-org-001",
        Title = "Security services not administered from a delegated member account",
        Service = "Organizations",
        Severity = Severity.Medium,
        Scope = CheckScope.Organization,
        ResourceType = "AWS::Organizations::Organization",
        Description = "Evaluated once for the organization, on the data of the management account or a delegated administrator. "
            + "For GuardDuty, Security Hub, AWS Config and IAM Access Analyzer it reads trusted access "
            + "(ListAWSServiceAccessForOrganization) and the registered delegated administrators (ListDelegatedAdministrators); "
            + "for GuardDuty and Security Hub it also reads the administrator account the service itself names in each scanned "
            + "region (ListOrganizationAdminAccounts), which is what decides who runs it there. It fails a service without "
            + "trusted access or without a delegated administrator (one whose account is ACTIVE, not SUSPENDED or PENDING_CLOSURE; "
            + "per region for GuardDuty and Security Hub), and GuardDuty "
            + "or Security Hub naming the management account as its administrator in a region. GuardDuty and Security Hub "
            + "answer ListOrganizationAdminAccounts to the management account only: from a delegated administrator those "
            + "reads are refused and the check is NOT ASSESSED with that cause; scan from the management account. AWS Config's trusted access and delegated administrator are "
            + "accepted under either of its principals: config.amazonaws.com or config-multiaccountsetup.amazonaws.com (the one "
            + "organization-wide rules and conformance packs are delegated under).",
        Rationale = "Run from a delegated security account, these services see every member and their findings land where the "
            + "security team works, without anyone signing in to the management account, whose credentials can change or "
            + "remove any account's guardrails. Without a delegated administrator each member runs them alone, or not at "
            + "all, and a new account joins unmonitored; with the management account as administrator, daily security "
            + "work needs the most powerful credentials of the organization.",
        CommonCauses =
        [
            "The services were enabled account by account before the organization existed and were never moved to a delegated administrator.",
            "GuardDuty or Security Hub was delegated in the main region only.",
            "The management account was registered as administrator for convenience during the first setup.",
        ],
        Recommendation = "Enable trusted access for each security service and register a dedicated security account (not the management account) as its delegated administrator, in every region for GuardDuty and Security Hub.",
        Remediation = Register,
        RemediationVariants = [GuardDutyAdmin, SecurityHubAdmin, GuardDutyOffManagement, SecurityHubOffManagement],
        Compliance = [new(ComplianceRef.CisAws, "7.0", "2.1.6")],
    };

    protected override IReadOnlyList<ApiCall> OrganizationReads { get; } =
        [ListServiceAccess, .. ListDelegatedAdministrators.Values, GuardDutyAdminAccounts, SecurityHubAdminAccounts];

    /// <summary>ListAWSServiceAccessForOrganization is open to the management account and delegated administrators only.</summary>
    protected override ApiCall? RefusedToMembers => ListServiceAccess;

    protected override void EvaluateOrganization(OrganizationContext organization, Verdict verdict)
    {
        var view = organization.Data.OrganizationServices();
        if (!view.ServiceAccess().TryGet(out var access, out var gap))
        {
            verdict.Gap(gap!);
            return;
        }
        var trusted = (access.EnabledServicePrincipals ?? []).Select(p => p.ServicePrincipal).ToHashSet(StringComparer.Ordinal);
        foreach (var principal in SecurityServicePrincipals)
        {
            var resource = $"{organization.Arn}/{principal}";
            verdict.Scanned(resource);
            var name = Names[principal];
            var principals = PrincipalsOf(principal);
            if (!principals.Any(trusted.Contains))
            {
                verdict.Fail(resource, AwsIds.GlobalRegion,
                    $"Trusted access for {name} ({principal}) is not enabled in organization {organization.OrganizationId}: it cannot be administered for the organization.",
                    Slots(organization, principal), discriminator: "trusted-access");
                continue;
            }
            if (!TryReadAdministrators(view, principals, out var admins, out var adminGaps))
            {
                verdict.AddGaps(adminGaps);
                continue;
            }
            // Organizations refuses to register the management account (CANNOT_REGISTER_MASTER_AS_DELEGATED_ADMINISTRATOR):
            // only GuardDuty's and Security Hub's own administrator setting can name it, judged per region below.
            if (principal is GuardDutyPrincipal or SecurityHubPrincipal)
                JudgeRegions(organization, verdict, resource, principal, admins);
            else if (admins.Count == 0)
                verdict.Fail(resource, AwsIds.GlobalRegion,
                    $"{name} ({principal}) has no delegated administrator in organization {organization.OrganizationId}.",
                    Slots(organization, principal), discriminator: "delegated-administrator");
        }
    }

    /// <summary>
    /// The delegated administrators registered under any of a service's principals (AWS Config: config.amazonaws.com or
    /// config-multiaccountsetup.amazonaws.com). An unread principal is a gap only when no other one names an administrator.
    /// </summary>
    private static bool TryReadAdministrators(OrganizationServiceView view, IReadOnlyList<string> principals, out List<string> admins, out List<DataGap> gaps)
    {
        var found = new List<string>();
        gaps = [];
        foreach (var principal in principals)
        {
            if (view.DelegatedAdministrators(principal).TryGet(out var registered, out var gap))
                // A suspended or closing account administers nothing: only an ACTIVE one counts.
                found.AddRange((registered.DelegatedAdministrators ?? []).Where(a => a.Status == "ACTIVE").Select(a => a.Id).Where(id => !found.Contains(id)));
            else
                gaps.Add(gap!);
        }
        admins = found;
        return gaps.Count == 0 || found.Count > 0;
    }

    /// <summary>GuardDuty and Security Hub: the administrator account the service names in each region.</summary>
    private void JudgeRegions(OrganizationContext organization, Verdict verdict, string resource, string principal, IReadOnlyList<string> registered)
    {
        var view = organization.Data.OrganizationServices();
        var (reads, template) = principal == GuardDutyPrincipal
            ? (view.GuardDutyAdministrators(), GuardDutyAdmin)
            : (view.SecurityHubAdministrators(), SecurityHubAdmin);
        foreach (var read in reads)
        {
            if (read.NotOffered) continue;
            if (read.Gap is { } gap)
            {
                verdict.Gap(gap);
                continue;
            }
            var enabled = (read.Value!.AdminAccounts ?? []).Where(a => a.Enabled).Select(a => a.Account).OfType<string>().ToList();
            if (enabled.Count == 0)
                verdict.Fail(resource, read.Region,
                    $"{Names[principal]} names no administrator account for organization {organization.OrganizationId} in {read.Region}"
                    + (registered.Count > 0 ? $" (delegated administrator registered: {string.Join(", ", registered)})." : "."),
                    Slots(organization, principal), remediation: template, discriminator: "delegated-administrator");
            else if (enabled.Contains(organization.ManagementAccountId))
                FailManagement(organization, verdict, resource, principal, read.Region);
        }
    }

    private void FailManagement(OrganizationContext organization, Verdict verdict, string resource, string principal, string region) =>
        verdict.Fail(resource, region,
            $"{Names[principal]} ({principal}) names the management account {organization.ManagementAccountId} as its administrator "
            + $"in {region}: security work for the organization needs its credentials.",
            Slots(organization, principal).With("management_account", organization.ManagementAccountId),
            remediation: principal == GuardDutyPrincipal ? GuardDutyOffManagement : SecurityHubOffManagement, discriminator: "management-account");

    private static SlotValues Slots(OrganizationContext organization, string principal) =>
        new SlotValues().With("service_principal", principal).Placeholder("admin_account", AdminAccount);
}
