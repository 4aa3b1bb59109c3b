using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using CloudAudit.Inventory.Catalog;

namespace CloudAudit.Inventory.Views;

public sealed record IamTag(string Key, string? Value);

/// <summary>An inline policy. IAM returns documents URL-encoded; the AWS CLI decodes them into objects.</summary>
public sealed record InlinePolicy(string PolicyName, JsonNode? PolicyDocument)
{
    public string? DocumentText => IamDocuments.Text(PolicyDocument);
}


public sealed record PermissionsBoundaryAttachment(string? PermissionsBoundaryType, string? PermissionsBoundaryArn);

public sealed record InstanceProfileRef(string? InstanceProfileName, string? Arn);

public sealed record IamUserDetail(
    string? Path, string UserName, string? UserId, string Arn,
    List<InlinePolicy>? UserPolicyList, List<string>? GroupList, List<AttachedPolicy>? AttachedManagedPolicies,
    PermissionsBoundaryAttachment? PermissionsBoundary, List<IamTag>? Tags);

public sealed record IamGroupDetail(
    string? Path, string GroupName, string? GroupId, string Arn,
    List<InlinePolicy>? GroupPolicyList, List<AttachedPolicy>? AttachedManagedPolicies);

public sealed record IamRoleDetail(
    string? Path, string RoleName, string? RoleId, string Arn, JsonNode? AssumeRolePolicyDocument,
    List<InstanceProfileRef>? InstanceProfileList, List<InlinePolicy>? RolePolicyList, List<AttachedPolicy>? AttachedManagedPolicies,
    PermissionsBoundaryAttachment? PermissionsBoundary, List<IamTag>? Tags)
{
    public string? TrustPolicyText => IamDocuments.Text(AssumeRolePolicyDocument);

    public DateTimeOffset? CreateDate { get; init; }
}

public sealed record ManagedPolicyVersion(JsonNode? Document, string? VersionId, bool? IsDefaultVersion)
{
    public string? DocumentText => IamDocuments.Text(Document);
}

public sealed record ManagedPolicyDetail(
    string PolicyName, string? PolicyId, string Arn, string? Path, string? DefaultVersionId,
    int? AttachmentCount, int? PermissionsBoundaryUsageCount, List<ManagedPolicyVersion>? PolicyVersionList)
{
    /// <summary>The document of the default version (the one IAM enforces).</summary>
    public string? DefaultDocumentText =>
        (PolicyVersionList?.FirstOrDefault(v => v.IsDefaultVersion == true)
            ?? PolicyVersionList?.FirstOrDefault(v => v.VersionId == DefaultVersionId))?.DocumentText;
}

public sealed record AuthorizationDetails(
    List<IamUserDetail>? UserDetailList, List<IamGroupDetail>? GroupDetailList,
    List<IamRoleDetail>? RoleDetailList, List<ManagedPolicyDetail>? Policies);

/// <summary>Policy documents as IAM data carries them: a (URL-encoded) string, or a JSON object once decoded.</summary>
public static class IamDocuments
{
    public static string? Text(JsonNode? document) => document switch
    {
        null => null,
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        _ => document.ToJsonString(),
    };
}

/// <summary>The account's IAM users, groups, roles and customer managed policies as checks see them.</summary>
public sealed class IamAuthorizationView(AccountData data)
{
    public Observed<AuthorizationDetails> AuthorizationDetails() =>
        ViewJson.Read(data.Global(IamAuthorizationCalls.GetAccountAuthorizationDetails), IamAuthorizationJson.Default.AuthorizationDetails);
}

[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = false, NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(AuthorizationDetails))]
internal sealed partial class IamAuthorizationJson : JsonSerializerContext;
