using System.Text.Json.Nodes;
using CloudAudit.Checks.Framework;
using CloudAudit.Checks.Policies;

namespace CloudAudit.Checks.Iam;

/// <summary>
/// The role's own trust policy with each open statement bound to the token's audience and to a subject the user
/// names. The subject cannot be known, so it stays one &lt;ALLOWED_SUBJECT&gt;: jq puts it into the policy for the
/// CLI, and the Terraform writes the policy out with it as a whole string.
/// </summary>
internal static class OidcTrustFixes
{
    public const string GitHubHost = "token.actions.githubusercontent.com";

    public static readonly RemediationTemplate BindSubject = new(
        Cli: """
            # The current trust policy with the open statements bound to one subject. For GitHub, <ALLOWED_SUBJECT> is
            # like repo:OWNER/REPO:ref:refs/heads/main or repo:OWNER/REPO:environment:NAME.
            jq -n --arg subject <ALLOWED_SUBJECT> --argjson policy {trust_policy} --argjson conditions {subject_conditions} \
              'reduce $conditions[] as $c ($policy; .Statement[$c.statement].Condition[$c.operator][$c.key] = $subject)' > trust-policy.json
            aws iam update-assume-role-policy --role-name {role_name} --policy-document file://trust-policy.json
            """,
        Terraform: """
            # For GitHub, <ALLOWED_SUBJECT> is like repo:OWNER/REPO:ref:refs/heads/main or repo:OWNER/REPO:environment:NAME.
            resource "aws_iam_role" "{role_name:id}" {
              name               = {role_name}
              assume_role_policy = {bound_trust_policy:json}
            }
            """,
        DocUrl: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html",
        Effort: Effort.Low);

    /// <summary>An open statement: its index in the policy and the OIDC provider it trusts.</summary>
    public readonly record struct OpenStatement(int Index, string Provider);

    /// <summary>The provider's host as condition keys name it (the part after oidc-provider/).</summary>
    public static string Host(string provider)
    {
        const string marker = ":oidc-provider/";
        var at = provider.IndexOf(marker, StringComparison.Ordinal);
        return at < 0 ? provider : provider[(at + marker.Length)..];
    }

    /// <summary>The slots of the fix: the policy without its sub conditions, where jq adds them, and the bound policy for Terraform.</summary>
    public static SlotValues Slots(string roleName, string trustPolicy, IReadOnlyList<OpenStatement> open)
    {
        var policy = PolicyJson.Load(trustPolicy).StatementsAsArray();
        var subjects = new List<(int Index, string Operator, string Key)>();
        foreach (var (index, provider) in open)
        {
            var host = Host(provider);
            var github = host.Equals(GitHubHost, StringComparison.OrdinalIgnoreCase);
            policy.Forget(index, $"{host}:sub");
            if (!policy.Conditions(index, $"{host}:aud"))
                policy.Require(index, "StringEquals", $"{host}:aud", github ? "sts.amazonaws.com" : "<CLIENT_ID>");
            // GitHub subjects take wildcards (every branch of one repository); other providers' are exact IDs.
            subjects.Add((index, github ? "StringLike" : "StringEquals", $"{host}:sub"));
        }
        var conditions = new JsonArray([.. subjects.Select(s => (JsonNode)new JsonObject { ["statement"] = s.Index, ["operator"] = s.Operator, ["key"] = s.Key })]);
        var unbound = policy.ToString();
        foreach (var (index, op, key) in subjects)
            policy.Require(index, op, key, "<ALLOWED_SUBJECT>");
        return new SlotValues()
            .With("role_name", roleName)
            .With("trust_policy", unbound)
            .With("subject_conditions", CliFix.Json(conditions))
            .With("bound_trust_policy", policy.ToString());
    }
}
