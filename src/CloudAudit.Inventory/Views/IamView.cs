using System.Text.Json;
using System.Text.Json.Serialization;
using CloudAudit.Inventory.Catalog;
using static CloudAudit.Inventory.Catalog.JsonParams;

namespace CloudAudit.Inventory.Views;

public sealed record GetAccountSummaryResponse(Dictionary<string, int>? SummaryMap)
{
    private int? Value(string key) => SummaryMap is not null && SummaryMap.TryGetValue(key, out var v) ? v : null;

    /// <summary>AccountMFAEnabled: the root user has an MFA device.</summary>
    public bool? RootMfaEnabled => Value("AccountMFAEnabled") is { } v ? v > 0 : null;
    /// <summary>AccountAccessKeysPresent: the root user has access keys (active or not).</summary>
    public bool? RootAccessKeysPresent => Value("AccountAccessKeysPresent") is { } v ? v > 0 : null;
    /// <summary>AccountPasswordPresent: the root user has a console password.</summary>
    public bool? RootPasswordPresent => Value("AccountPasswordPresent") is { } v ? v > 0 : null;

    /// <summary>
    /// The root user has no password and no access keys, as in member accounts whose root
    /// credentials AWS Organizations manages centrally: nobody can sign in as root.
    /// </summary>
    public bool RootHasNoCredentials => RootPasswordPresent == false && RootAccessKeysPresent == false;
}

public sealed record GetCredentialReportResponse(string? Content, string? ReportFormat, DateTimeOffset? GeneratedTime);

public sealed record PasswordPolicy(
    int? MinimumPasswordLength,
    bool? RequireSymbols,
    bool? RequireNumbers,
    bool? RequireUppercaseCharacters,
    bool? RequireLowercaseCharacters,
    bool? AllowUsersToChangePassword,
    bool? ExpirePasswords,
    int? MaxPasswordAge,
    int? PasswordReusePrevention,
    bool? HardExpiry);

/// <summary>The account password policy; null PasswordPolicy when none is set (NoSuchEntity).</summary>
public sealed record GetAccountPasswordPolicyResponse(PasswordPolicy? PasswordPolicy);

public sealed record IamUser(string? Path, string UserName, string? UserId, string Arn, DateTimeOffset? CreateDate, DateTimeOffset? PasswordLastUsed);

public sealed record ListUsersResponse(List<IamUser>? Users);

public sealed record AccessKeyMetadata(string? UserName, string AccessKeyId, string? Status, DateTimeOffset? CreateDate)
{
    public bool Active => Status == "Active";
}

public sealed record ListAccessKeysResponse(List<AccessKeyMetadata>? AccessKeyMetadata);

public sealed record AttachedPolicy(string? PolicyName, string PolicyArn);

public sealed record ListAttachedUserPoliciesResponse(List<AttachedPolicy>? AttachedPolicies);

public sealed record ListUserPoliciesResponse(List<string>? PolicyNames);

public sealed record PolicyGroup(string GroupName, string? GroupId);
public sealed record PolicyUser(string UserName, string? UserId);
public sealed record PolicyRole(string RoleName, string? RoleId);

public sealed record ListEntitiesForPolicyResponse(List<PolicyGroup>? PolicyGroups, List<PolicyUser>? PolicyUsers, List<PolicyRole>? PolicyRoles)
{
    public static readonly ListEntitiesForPolicyResponse None = new([], [], []);
}

public sealed record ServerCertificateMetadata(string? Path, string ServerCertificateName, string? ServerCertificateId, string Arn,
    DateTimeOffset? UploadDate, DateTimeOffset? Expiration);

public sealed record ListServerCertificatesResponse(List<ServerCertificateMetadata>? ServerCertificateMetadataList);

public sealed record VirtualMFADevice(string SerialNumber, IamUser? User, DateTimeOffset? EnableDate);

public sealed record ListVirtualMFADevicesResponse(List<VirtualMFADevice>? VirtualMFADevices);

public sealed record IamRole(string? Path, string RoleName, string? RoleId, string Arn, DateTimeOffset? CreateDate,
    int? MaxSessionDuration, JsonElement? AssumeRolePolicyDocument)
{
    /// <summary>Service-linked roles (path /aws-service-role/): AWS defines and maintains them.</summary>
    public bool ServiceLinked => Path?.StartsWith("/aws-service-role/", StringComparison.Ordinal) == true;
    /// <summary>Roles AWS reserves for its own features, such as IAM Identity Center's permission-set roles (/aws-reserved/).</summary>
    public bool AwsReserved => Path?.StartsWith("/aws-reserved/", StringComparison.Ordinal) == true;

    /// <summary>The trust policy as JSON text; the API URL-encodes it, the AWS CLI decodes it to an object.</summary>
    public string? TrustPolicyJson() => AssumeRolePolicyDocument switch
    {
        { ValueKind: JsonValueKind.Object } doc => doc.GetRawText(),
        { ValueKind: JsonValueKind.String } doc => Uri.UnescapeDataString(doc.GetString()!),
        _ => null,
    };
}

public sealed record ListRolesResponse(List<IamRole>? Roles);

/// <summary>IAM as the credential, root-user and account-hygiene checks see it.</summary>
public sealed class IamView(AccountData data)
{
    // IAM's query protocol names the error NoSuchEntity; SDK-style collectors may record the shape name.
    private static readonly string[] NoSuchEntity = ["NoSuchEntity", "NoSuchEntityException"];

    public Observed<GetAccountSummaryResponse> Summary() =>
        ViewJson.Read(data.Global(IamCalls.GetAccountSummary), IamJson.Default.GetAccountSummaryResponse);

    /// <summary>The credential report, parsed. A report that is missing or malformed throws (ERROR), it never reads as empty.</summary>
    public Observed<CredentialReport> CredentialReport()
    {
        var read = ViewJson.Read(data.Global(IamCalls.GetCredentialReport), IamJson.Default.GetCredentialReportResponse);
        if (!read.TryGet(out var response, out var gap))
            return Observed<CredentialReport>.Missing(gap!);
        if (response.Content is null)
            throw new JsonException("GetCredentialReport response has no Content");
        return Observed<CredentialReport>.Of(Views.CredentialReport.FromContent(response.Content, response.GeneratedTime));
    }

    public Observed<GetAccountPasswordPolicyResponse> PasswordPolicy() =>
        NotFoundAnswer.Read(data.Global(IamCalls.GetAccountPasswordPolicy), IamJson.Default.GetAccountPasswordPolicyResponse,
            new GetAccountPasswordPolicyResponse(null), NoSuchEntity);

    public Observed<ListUsersResponse> Users() =>
        ViewJson.Read(data.Global(IamCalls.ListUsers), IamJson.Default.ListUsersResponse);

    /// <summary>A user's access keys; a user deleted since ListUsers has none.</summary>
    public Observed<ListAccessKeysResponse> AccessKeys(string userName) =>
        NotFoundAnswer.Read(PerUser(IamCalls.ListAccessKeys, userName), IamJson.Default.ListAccessKeysResponse,
            new ListAccessKeysResponse([]), NoSuchEntity);

    public Observed<ListAttachedUserPoliciesResponse> AttachedPolicies(string userName) =>
        NotFoundAnswer.Read(PerUser(IamCalls.ListAttachedUserPolicies, userName), IamJson.Default.ListAttachedUserPoliciesResponse,
            new ListAttachedUserPoliciesResponse([]), NoSuchEntity);

    public Observed<ListUserPoliciesResponse> InlinePolicyNames(string userName) =>
        NotFoundAnswer.Read(PerUser(IamCalls.ListUserPolicies, userName), IamJson.Default.ListUserPoliciesResponse,
            new ListUserPoliciesResponse([]), NoSuchEntity);

    public Observed<ListEntitiesForPolicyResponse> SupportAccessEntities() =>
        EntitiesFor(IamCalls.ListSupportAccessEntities, IamCalls.SupportAccessPolicy);

    public Observed<ListEntitiesForPolicyResponse> CloudShellFullAccessEntities() =>
        EntitiesFor(IamCalls.ListCloudShellFullAccessEntities, IamCalls.CloudShellFullAccessPolicy);

    public Observed<ListRolesResponse> Roles() =>
        ViewJson.Read(data.Global(IamCalls.ListRoles), IamJson.Default.ListRolesResponse);

    public Observed<ListServerCertificatesResponse> ServerCertificates() =>
        ViewJson.Read(data.Global(IamCalls.ListServerCertificates), IamJson.Default.ListServerCertificatesResponse);

    public Observed<ListVirtualMFADevicesResponse> VirtualMfaDevices() =>
        ViewJson.Read(data.Global(IamCalls.ListVirtualMfaDevices), IamJson.Default.ListVirtualMFADevicesResponse);

    private ApiResult PerUser(ApiCall call, string userName) =>
        data.ForTarget(call, Target(AwsIds.GlobalRegion, ("UserName", userName)));

    // A managed policy missing from the partition (NoSuchEntity) is attached to nobody.
    private Observed<ListEntitiesForPolicyResponse> EntitiesFor(ApiCall call, string policyName) =>
        NotFoundAnswer.Read(
            data.ForTarget(call, Target(AwsIds.GlobalRegion, ("PolicyArn", IamCalls.AwsManagedPolicyArn(data.Partition, policyName)))),
            IamJson.Default.ListEntitiesForPolicyResponse, ListEntitiesForPolicyResponse.None, NoSuchEntity);
}

[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = false, NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(GetAccountSummaryResponse))]
[JsonSerializable(typeof(GetCredentialReportResponse))]
[JsonSerializable(typeof(GetAccountPasswordPolicyResponse))]
[JsonSerializable(typeof(ListUsersResponse))]
[JsonSerializable(typeof(ListAccessKeysResponse))]
[JsonSerializable(typeof(ListAttachedUserPoliciesResponse))]
[JsonSerializable(typeof(ListUserPoliciesResponse))]
[JsonSerializable(typeof(ListEntitiesForPolicyResponse))]
[JsonSerializable(typeof(ListServerCertificatesResponse))]
[JsonSerializable(typeof(ListVirtualMFADevicesResponse))]
[JsonSerializable(typeof(ListRolesResponse))]
internal sealed partial class IamJson : JsonSerializerContext;
