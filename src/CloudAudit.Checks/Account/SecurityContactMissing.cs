using CloudAudit.Checks.Framework;
using CloudAudit.Inventory;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.Account;

/// <summary>CIS 1.2: the account has a security alternate contact.</summary>
public sealed class SecurityContactMissing : SettingCheck<GetAlternateContactResponse>
{
    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-account-001",
        Title = "No security alternate contact registered",
        Service = "Account",
        Severity = Severity.Medium,
        ResourceType = "AWS::::Account",
        Description = "Calls the Account Management API's GetAlternateContact for the SECURITY contact type and fails "
            + "when AWS answers ResourceNotFoundException, meaning no security contact is registered. Denied reads are "
            + "reported as not assessed, not as a missing contact.",
        Rationale = "When AWS sees an account leaking credentials, attacking others or being abused, its security "
            + "team writes to the security contact. Without one, the warning goes to the root mailbox or the billing "
            + "contact, where it can sit unread while the compromise continues and AWS restricts the account.",
        CommonCauses =
        [
            "Accounts created through Organizations or a vending machine that never set alternate contacts.",
            "The contact was a person's address and was removed when they left.",
        ],
        Recommendation = "Register a security alternate contact that reaches a monitored team mailbox and phone.",
        Remediation = new(
            Cli: """
                aws account put-alternate-contact --alternate-contact-type SECURITY \
                  --email-address <SECURITY_TEAM_EMAIL> --name <SECURITY_TEAM_NAME> \
                  --phone-number <SECURITY_TEAM_PHONE> --title <SECURITY_TEAM_TITLE>
                """,
            Terraform: """
                resource "aws_account_alternate_contact" "security" {
                  alternate_contact_type = "SECURITY"
                  email_address          = "<SECURITY_TEAM_EMAIL>"
                  name                   = "<SECURITY_TEAM_NAME>"
                  phone_number           = "<SECURITY_TEAM_PHONE>"
                  title                  = "<SECURITY_TEAM_TITLE>"
                }
                """,
            DocUrl: "https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-update-contact-alternate.html",
            Effort: Effort.Low),
        Compliance = Cis.Refs(v3: "1.2", v5: "1.2", v7Iam: "2.3", v14: "1.2"),
    };

    public override IReadOnlyList<ApiCall> Reads { get; } = [AccountCalls.GetSecurityContact];

    protected override Observed<GetAlternateContactResponse> Read(CheckContext context) => context.Data.Account().SecurityContact();

    protected override void Judge(GetAlternateContactResponse response, CheckContext context, Verdict verdict)
    {
        verdict.Scanned(context.AccountId);
        if (response.AlternateContact is null)
            verdict.Fail(context.AccountId, AwsIds.GlobalRegion, $"Account {context.AccountId} has no security alternate contact.");
    }
}
