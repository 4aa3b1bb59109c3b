using System.Text.Json.Nodes;

namespace CloudAudit.Demo;

/// <summary>
/// Builds a GetAccountAuthorizationDetails response (all pages merged) for the demo and for tests. Policy
/// documents are URL-encoded strings, as IAM returns them; managed policies are named by ARN, or by name for
/// the account's own customer managed policies.
/// </summary>
public sealed class IamAuthorizationBuilder(string accountId)
{
    private readonly List<JsonObject> _users = [];
    private readonly List<JsonObject> _groups = [];
    private readonly List<JsonObject> _roles = [];
    private readonly List<(string Name, string Path, string Document, string? Previous)> _policies = [];
    private readonly List<string> _attachments = [];
    private readonly List<string> _boundaries = [];
    private int _ids;

    public string AccountId => accountId;

    /// <summary>The ARN of a customer managed policy of this account.</summary>
    public string PolicyArn(string name, string path = "/") => $"arn:aws:iam::{accountId}:policy{path}{name}";

    public string RoleArn(string name, string path = "/") => $"arn:aws:iam::{accountId}:role{path}{name}";

    public string UserArn(string name, string path = "/") => $"arn:aws:iam::{accountId}:user{path}{name}";

    /// <summary>A customer managed policy: <paramref name="document"/> is its default version (v2), <paramref name="previous"/> its stored v1 (by default one that denies everything).</summary>
    public IamAuthorizationBuilder ManagedPolicy(string name, string document, string path = "/", string? previous = null)
    {
        _policies.Add((name, path, document, previous));
        return this;
    }

    public IamAuthorizationBuilder Group(string name, string[]? managed = null, (string Name, string Document)[]? inline = null, string path = "/")
    {
        _groups.Add(new JsonObject
        {
            ["Path"] = path, ["GroupName"] = name, ["GroupId"] = Id("AGPA"), ["Arn"] = $"arn:aws:iam::{accountId}:group{path}{name}",
            ["CreateDate"] = "2024-03-11T09:12:44+00:00",
            ["GroupPolicyList"] = Inline(inline), ["AttachedManagedPolicies"] = Attached(managed),
        });
        return this;
    }

    public IamAuthorizationBuilder User(string name, string[]? groups = null, string[]? managed = null, (string Name, string Document)[]? inline = null,
        string? boundary = null, (string Key, string Value)[]? tags = null, string path = "/")
    {
        var user = new JsonObject
        {
            ["Path"] = path, ["UserName"] = name, ["UserId"] = Id("AIDA"), ["Arn"] = UserArn(name, path),
            ["CreateDate"] = "2023-06-02T14:31:07+00:00",
            ["UserPolicyList"] = Inline(inline), ["GroupList"] = new JsonArray([.. (groups ?? []).Select(g => (JsonNode)g)]),
            ["AttachedManagedPolicies"] = Attached(managed), ["Tags"] = Tags(tags),
        };
        if (boundary is not null) user["PermissionsBoundary"] = Boundary(boundary);
        _users.Add(user);
        return this;
    }

    /// <param name="created">When the role was created, as the AWS CLI writes instants; an old date by default.</param>
    public IamAuthorizationBuilder Role(string name, string trust, string[]? managed = null, (string Name, string Document)[]? inline = null,
        string path = "/", string? boundary = null, bool instanceProfile = false, (string Key, string Value)[]? tags = null, string? created = null)
    {
        var role = new JsonObject
        {
            ["Path"] = path, ["RoleName"] = name, ["RoleId"] = Id("AROA"), ["Arn"] = RoleArn(name, path),
            ["CreateDate"] = created ?? "2024-01-15T08:00:00+00:00",
            ["AssumeRolePolicyDocument"] = Uri.EscapeDataString(trust),
            ["InstanceProfileList"] = instanceProfile
                ? new JsonArray(new JsonObject
                {
                    ["Path"] = "/", ["InstanceProfileName"] = name, ["InstanceProfileId"] = Id("AIPA"),
                    ["Arn"] = $"arn:aws:iam::{accountId}:instance-profile/{name}", ["CreateDate"] = "2024-01-15T08:00:00+00:00",
                    ["Roles"] = new JsonArray(),
                })
                : new JsonArray(),
            ["RolePolicyList"] = Inline(inline), ["AttachedManagedPolicies"] = Attached(managed), ["Tags"] = Tags(tags),
            ["RoleLastUsed"] = new JsonObject(),
        };
        if (boundary is not null) role["PermissionsBoundary"] = Boundary(boundary);
        _roles.Add(role);
        return this;
    }

    /// <summary>The merged response in the shape the inventory stores.</summary>
    public string Build()
    {
        var policies = _policies.Select(p =>
        {
            var arn = PolicyArn(p.Name, p.Path);
            return new JsonObject
            {
                ["PolicyName"] = p.Name, ["PolicyId"] = Id("ANPA"), ["Arn"] = arn, ["Path"] = p.Path, ["DefaultVersionId"] = "v2",
                ["AttachmentCount"] = _attachments.Count(a => a == arn), ["PermissionsBoundaryUsageCount"] = _boundaries.Count(b => b == arn),
                ["IsAttachable"] = true, ["CreateDate"] = "2024-02-01T10:00:00+00:00", ["UpdateDate"] = "2025-05-20T16:45:00+00:00",
                ["PolicyVersionList"] = new JsonArray(
                    new JsonObject { ["Document"] = Uri.EscapeDataString(p.Document), ["VersionId"] = "v2", ["IsDefaultVersion"] = true, ["CreateDate"] = "2025-05-20T16:45:00+00:00" },
                    new JsonObject { ["Document"] = Uri.EscapeDataString(p.Previous ?? EmptyPolicy), ["VersionId"] = "v1", ["IsDefaultVersion"] = false, ["CreateDate"] = "2024-02-01T10:00:00+00:00" }),
            };
        });
        return new JsonObject
        {
            ["UserDetailList"] = new JsonArray([.. _users.Select(u => (JsonNode)u.DeepClone())]),
            ["GroupDetailList"] = new JsonArray([.. _groups.Select(g => (JsonNode)g.DeepClone())]),
            ["RoleDetailList"] = new JsonArray([.. _roles.Select(r => (JsonNode)r.DeepClone())]),
            ["Policies"] = new JsonArray([.. policies]),
        }.ToJsonString();
    }

    private const string EmptyPolicy = """{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}]}""";

    private JsonArray Inline((string Name, string Document)[]? inline) =>
        new([.. (inline ?? []).Select(p => (JsonNode)new JsonObject { ["PolicyName"] = p.Name, ["PolicyDocument"] = Uri.EscapeDataString(p.Document) })]);

    private JsonArray Attached(string[]? managed) => new([.. (managed ?? []).Select(m =>
    {
        var arn = m.StartsWith("arn:", StringComparison.Ordinal) ? m : PolicyArn(m);
        _attachments.Add(arn);
        return (JsonNode)new JsonObject { ["PolicyName"] = arn[(arn.LastIndexOf('/') + 1)..], ["PolicyArn"] = arn };
    })]);

    private JsonObject Boundary(string policy)
    {
        var arn = policy.StartsWith("arn:", StringComparison.Ordinal) ? policy : PolicyArn(policy);
        _boundaries.Add(arn);
        return new JsonObject { ["PermissionsBoundaryType"] = "Policy", ["PermissionsBoundaryArn"] = arn };
    }

    private static JsonArray Tags((string Key, string Value)[]? tags) =>
        new([.. (tags ?? []).Select(t => (JsonNode)new JsonObject { ["Key"] = t.Key, ["Value"] = t.Value })]);

    private string Id(string prefix) => $"{prefix}{accountId[..4]}{(++_ids).ToString("D13", System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>Trust policy documents.</summary>
    public static class Trust
    {
        public static string Service(string service) =>
            $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"{{service}}"},"Action":"sts:AssumeRole"}]}""";

        public static string Account(string account) =>
            $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{{account}}:root"},"Action":"sts:AssumeRole"}]}""";

        public static string Principal(string arn) =>
            $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"{{arn}}"},"Action":"sts:AssumeRole"}]}""";

        /// <summary>GitHub Actions OIDC; <paramref name="subject"/> null leaves the sub claim unbound.</summary>
        public static string GitHub(string account, string? subject)
        {
            var conditions = new JsonObject { ["StringEquals"] = new JsonObject { ["token.actions.githubusercontent.com:aud"] = "sts.amazonaws.com" } };
            if (subject is not null)
                conditions["StringLike"] = new JsonObject { ["token.actions.githubusercontent.com:sub"] = subject };
            return new JsonObject
            {
                ["Version"] = "2012-10-17",
                ["Statement"] = new JsonArray(new JsonObject
                {
                    ["Effect"] = "Allow",
                    ["Principal"] = new JsonObject { ["Federated"] = $"arn:aws:iam::{account}:oidc-provider/token.actions.githubusercontent.com" },
                    ["Action"] = "sts:AssumeRoleWithWebIdentity",
                    ["Condition"] = conditions,
                }),
            }.ToJsonString();
        }
    }
}
