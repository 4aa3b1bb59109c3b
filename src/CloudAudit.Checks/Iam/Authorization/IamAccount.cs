using System.Collections.Concurrent;
using CloudAudit.Checks.Framework;
using CloudAudit.Checks.Policies;
using CloudAudit.Inventory;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Views;
using CloudAudit.Policy.Analysis;
using CloudAudit.Policy.Catalog;
using CloudAudit.Policy.Evaluation;
using CloudAudit.Policy.Model;

namespace CloudAudit.Checks.Iam.Authorization;

/// <summary>
/// The account's IAM users, groups and roles with every policy parsed, built once per account from
/// GetAccountAuthorizationDetails and shared by the IAM policy checks. Customer managed policies come from
/// the same read (default version); AWS managed ones from the engine's embedded copies.
/// </summary>
public sealed class IamAccount
{
    private readonly ConcurrentDictionary<string, AdminVerdict> _adminVerdicts = new(StringComparer.Ordinal);

    /// <summary>Set when the authorization details could not be read: nothing here is assessable.</summary>
    public DataGap? Gap { get; private init; }
    public IReadOnlyList<IamEntity> Users { get; private init; } = [];
    public IReadOnlyList<IamEntity> Groups { get; private init; } = [];
    public IReadOnlyList<IamEntity> Roles { get; private init; } = [];
    /// <summary>Gaps for entities or documents that cannot be evaluated (missing or unparseable policies).</summary>
    public IReadOnlyList<DataGap> PolicyGaps { get; private init; } = [];

    public IEnumerable<IamEntity> Principals => Users.Concat(Roles);
    public IEnumerable<IamEntity> Entities => Users.Concat(Groups).Concat(Roles);

    public static IamAccount Of(CheckContext context) => context.Shared(Build);

    /// <summary>The account's IAM data, or null once the verdict records why it is missing.</summary>
    public static IamAccount? Read(CheckContext context, Verdict verdict)
    {
        var iam = Of(context);
        if (iam.Gap is { } gap)
        {
            verdict.Gap(gap);
            return null;
        }
        return iam;
    }

    /// <summary>Whether the principal is an administrator: every action on every resource, its boundary applied.</summary>
    public AdminVerdict AdminVerdict(IamEntity principal) =>
        _adminVerdicts.GetOrAdd(principal.Arn, _ =>
        {
            var set = ForAdminQuestion(principal.Policies);
            // Principals with the same policies get the same answer, unless a condition looks at who is asking.
            var key = string.Join("|", set.Identity.Select(d => d.Name)) + "#" + set.PermissionsBoundary?.Name
                + (set.Identity.Append(set.PermissionsBoundary).Any(AsksWhoCalls) ? "#" + principal.Arn : "");
            return _byComposition.GetOrAdd(key, _ => PrincipalAnalysis.IsAdministrator(set, principal.Caller));
        });

    private readonly ConcurrentDictionary<string, AdminVerdict> _byComposition = new(StringComparer.Ordinal);

    private static bool AsksWhoCalls(PolicyDocument? document) =>
        document is not null && document.Statements.Any(s => s.Conditions.Any(c =>
            c.Key.StartsWith("aws:Principal", StringComparison.OrdinalIgnoreCase) || c.Key.Equals("aws:username", StringComparison.OrdinalIgnoreCase)
            || c.Key.Equals("aws:userid", StringComparison.OrdinalIgnoreCase))
            || s.Resources?.Any(r => r.Template.HasVariables) == true);

    private readonly ConcurrentDictionary<PolicyDocument, bool> _allowsEverything = new(ReferenceEqualityComparer.Instance);

    /// <summary>
    /// The same answer from fewer policies: when one policy alone allows every action on "*" unconditionally, the
    /// others can only take away, so only the ones with a Deny (and the boundary) still count. Large AWS managed
    /// policies beside AdministratorAccess then cost nothing.
    /// </summary>
    private PolicySet ForAdminQuestion(PolicySet set)
    {
        var everything = set.Identity.FirstOrDefault(d => _allowsEverything.GetOrAdd(d, AllowsEverything));
        if (everything is null) return set;
        return new PolicySet
        {
            Identity = [everything, .. set.Identity.Where(d => !ReferenceEquals(d, everything) && d.Statements.Any(s => s.Effect == Effect.Deny))],
            PermissionsBoundary = set.PermissionsBoundary,
        };
    }

    private static bool AllowsEverything(PolicyDocument document) =>
        document.Statements.All(s => s.Effect == Effect.Allow && s.Conditions.Count == 0)
        && PrincipalAnalysis.IsAdministrator(new PolicySet { Identity = [document] }, Principal.Parse("arn:aws:iam::000000000000:role/probe")).IsAdministrator;

    private static IamAccount Build(CheckContext context)
    {
        var read = context.Data.IamAuthorization().AuthorizationDetails();
        if (!read.TryGet(out var details, out var gap))
            return new IamAccount { Gap = gap };
        var builder = new Builder(context, details);
        return builder.Build();
    }

    private sealed class Builder(CheckContext context, AuthorizationDetails details)
    {
        private const string Operation = "GetAccountAuthorizationDetails";
        private readonly PolicyCache _cache = PolicyCache.Of(context);
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
                g.GroupPolicyList, g.AttachedManagedPolicies, null, null, null, false, [])).ToList();
            var byName = groups.ToDictionary(g => g.Name, StringComparer.Ordinal);
            var users = (details.UserDetailList ?? []).Select(u =>
            {
                var memberOf = (u.GroupList ?? []).Select(name => byName.GetValueOrDefault(name)).OfType<IamEntity>().ToList();
                return Entity(IamEntityKind.User, u.UserName, u.Arn, u.Path, u.UserPolicyList, u.AttachedManagedPolicies,
                    u.PermissionsBoundary, u.Tags, null, false, memberOf);
            }).ToList();
            var roles = (details.RoleDetailList ?? []).Select(r => Entity(IamEntityKind.Role, r.RoleName, r.Arn, r.Path,
                r.RolePolicyList, r.AttachedManagedPolicies, r.PermissionsBoundary, r.Tags, r.TrustPolicyText,
                r.InstanceProfileList is { Count: > 0 }, [])).ToList();
            return new IamAccount { Users = users, Groups = groups, Roles = roles, PolicyGaps = _gaps };
        }

        private IamEntity Entity(IamEntityKind kind, string name, string arn, string? path, List<InlinePolicy>? inline,
            List<AttachedPolicy>? attached, PermissionsBoundaryAttachment? boundary, List<IamTag>? tags, string? trustText,
            bool inInstanceProfile, IReadOnlyList<IamEntity> groups)
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
                InInstanceProfile = inInstanceProfile,
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
            _gaps.Add(PolicyCache.Unreadable(AwsIds.GlobalRegion, "iam", Operation, name, parsed.Error!));
            return null;
        }
    }
}
