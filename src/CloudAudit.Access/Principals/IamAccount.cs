using CloudAudit.Inventory;
using CloudAudit.Inventory.Views;
using CloudAudit.Policy.Catalog;
using CloudAudit.Policy.Model;
using CloudAudit.Policy.Parsing;

namespace CloudAudit.Access.Principals;

/// <summary>
/// The account's IAM users, groups and roles with every policy parsed, built once per account from
/// GetAccountAuthorizationDetails. Customer managed policies come from the same read (default version); AWS
/// managed ones from the engine's embedded copies.
/// </summary>
public sealed class IamAccount
{
    /// <summary>Set when the authorization details could not be read: nothing here is assessable.</summary>
    public DataGap? Gap { get; private init; }
    public IReadOnlyList<IamEntity> Users { get; private init; } = [];
    public IReadOnlyList<IamEntity> Groups { get; private init; } = [];
    public IReadOnlyList<IamEntity> Roles { get; private init; } = [];
    /// <summary>Gaps for entities or documents that cannot be evaluated (missing or unparseable policies).</summary>
    public IReadOnlyList<DataGap> PolicyGaps { get; private init; } = [];

    /// <summary>
    /// The stored versions of each customer managed policy other than the default one (IAM keeps up to five): what
    /// iam:SetDefaultPolicyVersion could switch to. By policy ARN; documents as stored (parse them when needed).
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<(string VersionId, string Text)>> OtherVersions { get; private init; } =
        new Dictionary<string, IReadOnlyList<(string, string)>>();

    public IEnumerable<IamEntity> Principals => Users.Concat(Roles);
    public IEnumerable<IamEntity> Entities => Users.Concat(Groups).Concat(Roles);

    /// <summary>Reads and parses the account's authorization details; documents are parsed through <paramref name="cache"/>.</summary>
    public static IamAccount Build(AccountData data, PolicyCache cache)
    {
        var read = data.IamAuthorization().AuthorizationDetails();
        if (!read.TryGet(out var details, out var gap))
            return new IamAccount { Gap = gap };
        return new Builder(cache, details).Build();
    }

    private sealed class Builder(PolicyCache cache, AuthorizationDetails details)
    {
        private const string Operation = "GetAccountAuthorizationDetails";
        private readonly PolicyCache _cache = cache;
        private readonly List<DataGap> _gaps = [];
        private readonly Dictionary<string, (ManagedPolicyDetail, PolicyDocument?)> _customer = new(StringComparer.Ordinal);

        public IamAccount Build()
        {
            foreach (var policy in details.Policies ?? [])
            {
                var text = policy.DefaultDocumentText;
                var parsed = text is null ? null : Parse(text, PolicyKind.Identity, policy.Arn);
                _customer[policy.Arn] = (policy, parsed);
            }
            var groups = (details.GroupDetailList ?? []).Select(g => Entity(IamEntityKind.Group, g.GroupName, g.Arn, g.Path,
                g.GroupPolicyList, g.AttachedManagedPolicies, null, null, null, null, [])).ToList();
            var byName = groups.ToDictionary(g => g.Name, StringComparer.Ordinal);
            var users = (details.UserDetailList ?? []).Select(u =>
            {
                var memberOf = (u.GroupList ?? []).Select(name => byName.GetValueOrDefault(name)).OfType<IamEntity>().ToList();
                return Entity(IamEntityKind.User, u.UserName, u.Arn, u.Path, u.UserPolicyList, u.AttachedManagedPolicies,
                    u.PermissionsBoundary, u.Tags, null, null, memberOf);
            }).ToList();
            var roles = (details.RoleDetailList ?? []).Select(r => Entity(IamEntityKind.Role, r.RoleName, r.Arn, r.Path,
                r.RolePolicyList, r.AttachedManagedPolicies, r.PermissionsBoundary, r.Tags, r.TrustPolicyText,
                r.InstanceProfileList, [])).ToList();
            var versions = (details.Policies ?? []).DistinctBy(p => p.Arn).ToDictionary(p => p.Arn, p => (IReadOnlyList<(string, string)>)[
                .. (p.PolicyVersionList ?? []).Where(v => v.IsDefaultVersion != true && v.VersionId != p.DefaultVersionId && v.DocumentText is not null)
                    .Select(v => (v.VersionId ?? "", v.DocumentText!))], StringComparer.Ordinal);
            return new IamAccount { Users = users, Groups = groups, Roles = roles, PolicyGaps = _gaps, OtherVersions = versions };
        }

        private IamEntity Entity(IamEntityKind kind, string name, string arn, string? path, List<InlinePolicy>? inline,
            List<AttachedPolicy>? attached, PermissionsBoundaryAttachment? boundary, List<IamTag>? tags, string? trustText,
            IReadOnlyList<InstanceProfileRef>? instanceProfiles, IReadOnlyList<IamEntity> groups)
        {
            var problems = new List<string>();
            var label = $"{kind.ToString().ToLowerInvariant()} {name}";
            var own = new List<IamPolicyAttachment>();
            foreach (var policy in inline ?? [])
            {
                var policyName = $"inline policy {policy.PolicyName} of {label}";
                if (policy.DocumentText is { } text && Parse(text, PolicyKind.Identity, policyName) is { } document)
                    own.Add(new IamPolicyAttachment(null, policy.PolicyName, document));
                else problems.Add($"{policyName} is unreadable");
            }
            foreach (var policy in attached ?? [])
            {
                if (Managed(policy.PolicyArn, PolicyKind.Identity) is { } document)
                    own.Add(new IamPolicyAttachment(policy.PolicyArn, policy.PolicyName ?? policy.PolicyArn, document));
                else problems.Add($"managed policy {policy.PolicyArn} is not available");
            }
            PolicyDocument? boundaryDocument = null;
            if (boundary?.PermissionsBoundaryArn is { } boundaryArn)
            {
                boundaryDocument = Managed(boundaryArn, PolicyKind.PermissionsBoundary);
                if (boundaryDocument is null) problems.Add($"permissions boundary {boundaryArn} is not available");
            }
            PolicyDocument? trust = null;
            if (trustText is not null)
            {
                trust = Parse(trustText, PolicyKind.Trust, $"trust policy of {label}");
                if (trust is null) problems.Add("its trust policy is unreadable");
            }
            problems.AddRange(groups.Where(g => g.Unassessable is not null).Select(g => $"its group {g.Name} is not assessable"));
            return new IamEntity
            {
                Kind = kind, Name = name, Arn = arn, Path = path ?? "/",
                Tags = (tags ?? []).GroupBy(t => t.Key, StringComparer.Ordinal).ToDictionary(t => t.Key, t => t.Last().Value ?? "", StringComparer.Ordinal),
                OwnPolicies = own, Groups = groups, Boundary = boundaryDocument, Trust = trust, TrustText = trustText,
                InInstanceProfile = instanceProfiles is { Count: > 0 },
                InstanceProfileArns = [.. (instanceProfiles ?? []).Select(p => p.Arn).OfType<string>()],
                Unassessable = problems.Count == 0 ? null : string.Join("; ", problems),
            };
        }

        private PolicyDocument? Managed(string arn, PolicyKind kind)
        {
            if (_customer.TryGetValue(arn, out var customer))
            {
                if (kind == PolicyKind.Identity) return customer.Item2;
                var text = customer.Item1.DefaultDocumentText;
                return text is null ? null : Parse(text, kind, arn);
            }
            if (Arn.TryParse(arn) is { Account: "aws" })
            {
                var document = AwsManagedPolicies.Default.Get(arn, kind);
                if (document is null)
                    _gaps.Add(DataGap.OutOfReach(AwsIds.GlobalRegion, "iam", Operation,
                        $"AWS managed policy {arn} is newer than the policy data embedded in this cloud-audit build", arn));
                return document;
            }
            _gaps.Add(DataGap.OutOfReach(AwsIds.GlobalRegion, "iam", Operation,
                $"customer managed policy {arn} is attached but missing from the authorization details", arn));
            return null;
        }

        private PolicyDocument? Parse(string text, PolicyKind kind, string name)
        {
            var parsed = _cache.Get(text, kind, name);
            if (parsed.TryGet(out var document)) return document;
            _gaps.Add(DataGap.UnreadablePolicy(AwsIds.GlobalRegion, "iam", Operation, name, parsed.Error!));
            return null;
        }
    }
}
