using static CloudAudit.Inventory.Catalog.JsonParams;

namespace CloudAudit.Inventory.Catalog;

/// <summary>
/// IAM reads for the credential, root-user and account-hygiene checks. IAM is global: every call is
/// stored under region "global". Per-user reads follow ListUsers.
/// </summary>
public static class IamCalls
{
    public static readonly ApiCall GetAccountSummary = ApiCall.Global("iam", "GetAccountSummary");

    /// <summary>
    /// The credential report (base64 CSV). The collector must call GenerateCredentialReport first and
    /// poll it until State is COMPLETE; GenerateCredentialReport only builds the report, so the
    /// read-only guard allows it.
    /// </summary>
    public static readonly ApiCall GetCredentialReport = ApiCall.Global("iam", "GetCredentialReport");

    public static readonly ApiCall GetAccountPasswordPolicy = ApiCall.Global("iam", "GetAccountPasswordPolicy");

    public static readonly ApiCall ListUsers = ApiCall.Global("iam", "ListUsers");

    public static readonly ApiCall ListRoles = ApiCall.Global("iam", "ListRoles");

    public static readonly ApiCall ListServerCertificates = ApiCall.Global("iam", "ListServerCertificates");

    /// <summary>All virtual MFA devices, assigned or not (no AssignmentStatus filter, as the CIS audit runs it).</summary>
    public static readonly ApiCall ListVirtualMfaDevices = ApiCall.Global("iam", "ListVirtualMFADevices");

    public static readonly ApiCall ListAccessKeys = PerUser("ListAccessKeys");
    public static readonly ApiCall ListAttachedUserPolicies = PerUser("ListAttachedUserPolicies");
    public static readonly ApiCall ListUserPolicies = PerUser("ListUserPolicies");

    public const string SupportAccessPolicy = "AWSSupportAccess";
    public const string CloudShellFullAccessPolicy = "AWSCloudShellFullAccess";

    /// <summary>Who has the AWS-managed AWSSupportAccess policy attached.</summary>
    public static readonly ApiCall ListSupportAccessEntities = EntitiesFor(SupportAccessPolicy);

    /// <summary>Who has the AWS-managed AWSCloudShellFullAccess policy attached.</summary>
    public static readonly ApiCall ListCloudShellFullAccessEntities = EntitiesFor(CloudShellFullAccessPolicy);

    /// <summary>The ARN of an AWS-managed policy in a partition (arn:aws-us-gov:iam::aws:policy/… in GovCloud).</summary>
    public static string AwsManagedPolicyArn(string partition, string policyName) => $"arn:{partition}:iam::aws:policy/{policyName}";

    private static ApiCall PerUser(string operation) =>
        ApiCall.PerResource(ListUsers, "iam", operation, parent =>
            Items(parent.Response, "Users")
                .Select(u => u.Str("UserName"))
                .OfType<string>()
                .Select(name => Target(AwsIds.GlobalRegion, ("UserName", name))));

    // Hangs off GetCallerIdentity only to learn the partition, which the managed policy's ARN contains.
    private static ApiCall EntitiesFor(string policyName) =>
        ApiCall.PerResource(S3Calls.GetCallerIdentity, "iam", "ListEntitiesForPolicy", parent =>
            [Target(AwsIds.GlobalRegion, ("PolicyArn", AwsManagedPolicyArn(parent.Partition, policyName)))]);
}

/// <summary>Reads of other services that the IAM and account checks need.</summary>
public static class AccountCalls
{
    /// <summary>The account's security alternate contact; ResourceNotFoundException means none is registered.</summary>
    public static readonly ApiCall GetSecurityContact =
        ApiCall.Global("account", "GetAlternateContact", Of(("AlternateContactType", "SECURITY")));

    /// <summary>IAM Access Analyzer analyzers of every type, in every scanned region.</summary>
    public static readonly ApiCall ListAnalyzers = ApiCall.Regional("accessanalyzer", "ListAnalyzers");

    /// <summary>Every instance in every scanned region, unfiltered so other EC2 checks share the read.</summary>
}
