namespace CloudAudit.Checks.Iam;

/// <summary>Fix text shared by the root-user checks.</summary>
internal static class RootFixes
{
    /// <summary>
    /// Root credentials are managed from the console while signed in as root; Terraform's lever is the
    /// organization-wide one: manage member accounts' root credentials centrally and delete them.
    /// </summary>
    public const string CentralizeRootAccess = """
        # Organizations alternative, applied in the management account (with trusted access enabled for
        # iam.amazonaws.com): manage member accounts' root credentials centrally, then delete them, so no
        # root password, key or MFA device is left to protect and privileged tasks use short root sessions.
        resource "aws_iam_organizations_features" "root_access" {
          enabled_features = ["RootCredentialsManagement", "RootSessions"]
        }
        """;

    public const string CentralizeRootAccessCli = """
        # In an organization, the management account can instead take root credentials away from members:
        aws iam enable-organizations-root-credentials-management
        aws iam enable-organizations-root-sessions
        """;
}
