using System.Text.Json.Nodes;
using CloudAudit.Checks.Framework;
using CloudAudit.Inventory;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.Iam;

/// <summary>CIS 1.8 and 1.9 (v5 1.7 and 1.8): passwords of 14 characters or more, the last 24 not reusable.</summary>
public sealed class PasswordPolicyWeak : SettingCheck<GetAccountPasswordPolicyResponse>
{
    public const int MinimumLength = 14;
    public const int ReusePrevention = 24;

    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-iam-006",
        Title = "IAM password policy weaker than CIS",
        Service = "IAM",
        Severity = Severity.Medium,
        ResourceType = "AWS::::Account",
        Description = "Reads GetAccountPasswordPolicy and fails when MinimumPasswordLength is below 14 or "
            + "PasswordReusePrevention is below 24, or when the account has no password policy at all (NoSuchEntity), "
            + "in which case IAM applies its weak default. The fix keeps the policy's other settings as they are.",
        Rationale = "Short passwords fall to offline cracking and password spraying, and reused ones come back from "
            + "old breaches. Length is what makes a password resist guessing; remembering the last 24 stops users "
            + "from cycling back to a password that has already leaked.",
        CommonCauses =
        [
            "The account never set a password policy and relies on IAM's default of eight characters.",
            "The policy was written against an older standard (length 8 to 12, no reuse prevention).",
        ],
        Recommendation = "Require at least 14 characters and prevent reuse of the last 24 passwords.",
        Remediation = new(
            Cli: """
                # update-account-password-policy resets every setting it is not given, so the policy's other
                # settings are restated as they are today.
                aws iam update-account-password-policy --cli-input-json {policy_json}
                """,
            Terraform: """
                resource "aws_iam_account_password_policy" "cis" {
                  minimum_password_length        = {min_length:raw}
                  password_reuse_prevention      = 24
                  require_symbols                = {require_symbols:raw}
                  require_numbers                = {require_numbers:raw}
                  require_uppercase_characters   = {require_uppercase:raw}
                  require_lowercase_characters   = {require_lowercase:raw}
                  allow_users_to_change_password = {allow_change:raw}
                  hard_expiry                    = {hard_expiry:raw}
                  max_password_age               = {max_password_age:raw}
                }
                """,
            DocUrl: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html",
            Effort: Effort.Low),
        Compliance = [.. Cis.Refs(v3: "1.8", v5: "1.7", v7Iam: "2.8", v14: "1.8"), .. Cis.Refs(v3: "1.9", v5: "1.8", v7Iam: "2.9", v14: "1.9")],
    };

    /// <summary>What the fix sets when the account has no policy: CIS's two values plus IAM's usual complexity rules.</summary>
    private static readonly PasswordPolicy Baseline = new(MinimumLength, true, true, true, true, true, false, null, ReusePrevention, false);

    public override IReadOnlyList<ApiCall> Reads { get; } = [IamCalls.GetAccountPasswordPolicy];

    protected override Observed<GetAccountPasswordPolicyResponse> Read(CheckContext context) => context.Data.Iam().PasswordPolicy();

    protected override void Judge(GetAccountPasswordPolicyResponse response, CheckContext context, Verdict verdict)
    {
        verdict.Scanned(context.AccountId);
        if (response.PasswordPolicy is not { } policy)
        {
            verdict.Fail(context.AccountId, AwsIds.GlobalRegion,
                $"Account {context.AccountId} has no IAM password policy, so IAM's default (8 characters, reuse allowed) applies.",
                Slots(Baseline));
            return;
        }
        var shortfalls = new List<string>();
        if ((policy.MinimumPasswordLength ?? 0) < MinimumLength)
            shortfalls.Add($"minimum length is {policy.MinimumPasswordLength?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "not set"} (CIS: {MinimumLength})");
        if ((policy.PasswordReusePrevention ?? 0) < ReusePrevention)
            shortfalls.Add(policy.PasswordReusePrevention is { } remembered
                ? $"only the last {remembered} passwords cannot be reused (CIS: {ReusePrevention})"
                : $"password reuse is not prevented (CIS: the last {ReusePrevention})");
        if (shortfalls.Count > 0)
            verdict.Fail(context.AccountId, AwsIds.GlobalRegion,
                $"The IAM password policy of account {context.AccountId} is weaker than CIS: {string.Join("; ", shortfalls)}.",
                Slots(policy));
    }

    /// <summary>The policy's own settings, with the two CIS values raised where they fall short.</summary>
    private static SlotValues Slots(PasswordPolicy policy)
    {
        var maxAge = policy.ExpirePasswords == true && policy.MaxPasswordAge is > 0 ? policy.MaxPasswordAge.Value : 0;
        var length = Math.Max(policy.MinimumPasswordLength ?? 0, MinimumLength);
        var request = new JsonObject
        {
            ["MinimumPasswordLength"] = length,
            ["RequireSymbols"] = policy.RequireSymbols == true,
            ["RequireNumbers"] = policy.RequireNumbers == true,
            ["RequireUppercaseCharacters"] = policy.RequireUppercaseCharacters == true,
            ["RequireLowercaseCharacters"] = policy.RequireLowercaseCharacters == true,
            ["AllowUsersToChangePassword"] = policy.AllowUsersToChangePassword == true,
            ["PasswordReusePrevention"] = ReusePrevention,
            ["HardExpiry"] = policy.HardExpiry == true,
        };
        if (maxAge > 0)
            request["MaxPasswordAge"] = maxAge;
        return new SlotValues()
            .With("policy_json", request.ToJsonString())
            .With("min_length", Number(length))
            .With("require_symbols", Bool(policy.RequireSymbols))
            .With("require_numbers", Bool(policy.RequireNumbers))
            .With("require_uppercase", Bool(policy.RequireUppercaseCharacters))
            .With("require_lowercase", Bool(policy.RequireLowercaseCharacters))
            .With("allow_change", Bool(policy.AllowUsersToChangePassword))
            .With("hard_expiry", Bool(policy.HardExpiry))
            .With("max_password_age", Number(maxAge));
    }

    private static string Bool(bool? on) => on == true ? "true" : "false";
    private static string Number(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
