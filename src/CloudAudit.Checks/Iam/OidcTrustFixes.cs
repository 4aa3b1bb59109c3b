using CloudAudit.Checks.Framework;
using CloudAudit.Checks.Policies;

namespace CloudAudit.Checks.Iam;

/// <summary>The role's own trust policy with the open statement bound to the token's audience and subject.</summary>
internal static class OidcTrustFixes
{
    public const string GitHubHost = "token.actions.githubusercontent.com";

    public static readonly RemediationTemplate BindSubject = new(
        Cli: """
            # The current trust policy, with the open statement bound to your subjects: replace the values in angle brackets first.
            aws iam update-assume-role-policy --role-name {role_name} --policy-document {trust_policy}
            """,
        Terraform: """
            resource "aws_iam_role" "{role_name:id}" {
              name               = {role_name}
              assume_role_policy = {trust_policy}
            }
            """,
        DocUrl: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html",
        Effort: Effort.Low);

    /// <summary>The provider's host as condition keys name it (the part after oidc-provider/).</summary>
    public static string Host(string provider)
    {
        const string marker = ":oidc-provider/";
        var at = provider.IndexOf(marker, StringComparison.Ordinal);
        return at < 0 ? provider : provider[(at + marker.Length)..];
    }

    /// <summary>
    /// The trust policy with statement <paramref name="index"/> requiring a subject the user names (any existing sub
    /// condition is replaced) and, when it had none, the audience: sts.amazonaws.com for GitHub, the client ID otherwise.
    /// </summary>
    public static string Bound(string trustPolicy, int index, string provider)
    {
        var host = Host(provider);
        var github = host.Equals(GitHubHost, StringComparison.OrdinalIgnoreCase);
        var policy = PolicyJson.Load(trustPolicy).Forget(index, $"{host}:sub");
        if (!policy.Conditions(index, $"{host}:aud"))
            policy.Require(index, "StringEquals", $"{host}:aud", github ? "sts.amazonaws.com" : "<CLIENT_ID>");
        return github
            ? policy.Require(index, "StringLike", $"{host}:sub", "repo:<GITHUB_OWNER>/<GITHUB_REPOSITORY>:ref:refs/heads/main").ToString()
            : policy.Require(index, "StringEquals", $"{host}:sub", "<ALLOWED_SUBJECT>").ToString();
    }
}
