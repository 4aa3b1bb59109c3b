using CloudAudit.Checks.Framework;
using CloudAudit.Inventory;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Views;
using static CloudAudit.Inventory.Catalog.OrganizationTreeCalls;

namespace CloudAudit.Checks.Organization;

/// <summary>
/// CIS v7 2.1.2: service control policies are enabled on the root, and every member account is governed by at least
/// one SCP other than AWS's FullAWSAccess somewhere on its chain (the root, each OU above it, the account itself).
/// </summary>
/// <remarks>
/// Findings are per account, not per top-most unguarded OU: an account is what SCPs govern, a suppression can name
/// one account, and an OU with a guarded child OU and an unguarded one would otherwise be reported wrongly either way.
/// The remediation attaches the guardrail to the account's own OU (to the account when it sits under the root).
/// </remarks>
public sealed class AuthorizationGuardrails : OrganizationCheck
{
    private const string PolicyPlaceholder = "POLICY_ID";

    private static readonly RemediationTemplate Attach = new(
        Cli: "aws organizations attach-policy --policy-id {policy_id} --target-id {target_id}",
        Terraform: """
            resource "aws_organizations_policy_attachment" "{target_id:id}" {
              policy_id = {policy_id}
              target_id = {target_id}
            }
            """,
        DocUrl: "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_attach.html",
        Effort: Effort.Medium) { When = "an account's SCP chain carries nothing but FullAWSAccess" };

    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-org-003",
        Title = "Organization without SCP guardrails",
        Service = "Organizations",
        Severity = Severity.Medium,
        Scope = CheckScope.Organization,
        ResourceType = "AWS::Organizations::Organization",
        Description = "Evaluated once for the organization, on the data of the management account or a delegated administrator. "
            + "Reads the roots (ListRoots), the OUs under each root and OU down to the fifth level (ListOrganizationalUnitsForParent), "
            + "the accounts under each (ListAccountsForParent) and the SCPs attached to every root, OU and account "
            + "(ListPoliciesForTarget). It fails a root on which SCPs are not enabled, and each member account whose whole chain "
            + "(the root, each OU above it and the account) carries nothing but AWS's FullAWSAccess, one finding per account. "
            + "The management account is left out: SCPs do not govern it. A node whose SCPs, OUs or accounts could not be read "
            + "leaves the accounts it could hide NOT ASSESSED, unless a guardrail above them is already seen.",
        Rationale = "SCPs are the only control a member account's own administrators cannot remove: they cap what any principal "
            + "of the account may do, including its root user. With nothing but FullAWSAccess, anyone who takes over an "
            + "account may leave the organization, stop its trail or use any region, and nothing above stops them.",
        CommonCauses =
        [
            "The organization was created for consolidated billing, and SCPs were never enabled.",
            "Guardrails were attached to one OU (production) and accounts were later created under the root or another OU.",
            "FullAWSAccess was believed to be a guardrail; it allows everything.",
        ],
        Recommendation = "Enable SCPs on the root and attach at least one deny guardrail (leaving the organization, stopping "
            + "CloudTrail, unused regions) that governs every member account, at the root or on each OU.",
        Remediation = new RemediationTemplate(
            Cli: "aws organizations enable-policy-type --root-id {root_id} --policy-type SERVICE_CONTROL_POLICY",
            Terraform: """
                # Policy types are a setting of the organization: add "SERVICE_CONTROL_POLICY" to enabled_policy_types of
                # your (imported) aws_organizations_organization resource.
                resource "aws_organizations_organization" "this" {
                  feature_set          = "ALL"
                  enabled_policy_types = ["SERVICE_CONTROL_POLICY"]
                }
                """,
            DocUrl: "https://docs.aws.amazon.com/organizations/latest/userguide/enable-policy-type.html",
            Effort: Effort.Low) { When = "SCPs are not enabled on the root" },
        RemediationVariants = [Attach],
        Compliance = [new(ComplianceRef.CisAws, "7.0", "2.1.2")],
    };

    protected override IReadOnlyList<ApiCall> OrganizationReads { get; } = OrganizationTreeCalls.Reads;

    /// <summary>ListRoots is open to the management account and delegated administrators only.</summary>
    protected override ApiCall? RefusedToMembers => ListRoots;

    protected override void EvaluateOrganization(OrganizationContext organization, Verdict verdict)
    {
        var tree = organization.Data.OrganizationTree();
        if (!tree.Roots().TryGet(out var roots, out var gap))
        {
            verdict.Gap(gap!);
            return;
        }
        foreach (var root in roots.Roots ?? [])
        {
            var resource = $"{organization.Arn}/{root.Id}";
            verdict.Scanned(resource);
            if (!root.Enables(OrganizationCalls.ServiceControlPolicy))
            {
                verdict.Fail(resource, AwsIds.GlobalRegion,
                    $"Service control policies are not enabled on root {root.Id} of organization {organization.OrganizationId}: no account has a guardrail.",
                    new SlotValues().With("root_id", root.Id));
                continue;
            }
            new Walk(organization, verdict, tree).Node(root.Id, "root", depth: 0, Chain.Unguarded([]));
        }
    }

    /// <summary>What is known of the SCPs above a node: a guardrail seen, or only FullAWSAccess so far, with the nodes unread.</summary>
    private sealed record Chain(bool Guarded, IReadOnlyList<DataGap> Gaps, IReadOnlyList<string> Path)
    {
        public static Chain Unguarded(IReadOnlyList<string> path) => new(false, [], path);

        public Chain Then(string node, Observed<ListAttachedScpsResponse> policies)
        {
            if (Guarded) return this;
            if (!policies.TryGet(out var attached, out var gap)) return this with { Gaps = [.. Gaps, gap!], Path = [.. Path, node] };
            var guardrail = (attached.Policies ?? []).Any(p => p.Id != FullAwsAccessPolicyId);
            return this with { Guarded = guardrail, Path = [.. Path, node] };
        }
    }

    private sealed class Walk(OrganizationContext organization, Verdict verdict, OrganizationTreeView tree)
    {
        public void Node(string id, string kind, int depth, Chain above)
        {
            var chain = above.Then($"{kind} {id}", tree.ServiceControlPolicies(id));
            // A node under a guardrail cannot hide an unguarded account: an unread list below it is no gap.
            if (tree.Accounts(id).TryGet(out var accounts, out var accountsGap))
                foreach (var account in accounts.Accounts ?? [])
                    Account(account, id, chain);
            else if (!chain.Guarded)
                verdict.Gap(accountsGap!);
            if (depth >= OuDepth) return;
            if (tree.OrganizationalUnits(id).TryGet(out var units, out var unitsGap))
                foreach (var unit in units.OrganizationalUnits ?? [])
                    Node(unit.Id, "OU", depth + 1, chain);
            else if (!chain.Guarded)
                verdict.Gap(unitsGap!);
        }

        private void Account(ListedAccount account, string parentId, Chain above)
        {
            if (account.Id == organization.ManagementAccountId) return;
            var chain = above.Then($"account {account.Id}", tree.ServiceControlPolicies(account.Id));
            if (chain.Gaps.Count > 0 && !chain.Guarded)
            {
                verdict.AddGaps(chain.Gaps);
                return;
            }
            var resource = $"{organization.Arn}/account/{account.Id}";
            verdict.Scanned(resource);
            if (chain.Guarded) return;
            var target = parentId.StartsWith("ou-", StringComparison.Ordinal) ? parentId : account.Id;
            verdict.Fail(resource, AwsIds.GlobalRegion,
                $"Account {account.Name ?? account.Id} ({account.Id}) has no SCP guardrail: its chain ({string.Join(", ", chain.Path)}) "
                + $"carries nothing but {FullAwsAccessPolicyId}.",
                new SlotValues().With("target_id", target).Placeholder("policy_id", PolicyPlaceholder), remediation: Attach);
        }
    }
}
