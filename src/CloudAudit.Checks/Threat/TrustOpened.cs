using CloudAudit.Checks.Framework;
using CloudAudit.Checks.Policies;
using CloudAudit.Inventory;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Views;
using CloudAudit.Policy.Analysis;
using CloudAudit.Policy.Model;

namespace CloudAudit.Checks.Threat;

/// <summary>
/// TF-104 (cloud-audit's own): a new identity provider, or a role whose trust was opened outside the organization
/// (or to any repository of an OIDC provider), within the window: a door left for later.
/// </summary>
public sealed class TrustOpened : EventDetector
{
    private const string Review = """
        # The role's trust policy as it stands, and what was done with the role since:
        aws iam get-role --role-name {role}
        aws cloudtrail lookup-events --region us-east-1 --lookup-attributes {role_lookup}
        """;

    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-tf-104",
        Title = "Identity provider created or role trust opened in the window",
        Service = "Threat feed",
        Severity = Severity.High,
        Category = Category.Threat,
        ResourceType = "AWS::IAM::Role",
        Description = "Reads CloudTrail's event history over the collection window (IAM's events, recorded in us-east-1) for "
            + "CreateRole and UpdateAssumeRolePolicy calls, and evaluates the trust policy each one set with the policy engine, "
            + "as AWS would for outside callers: a trust that lets any account (or anonymous callers) assume the role fails as "
            + "Critical; one that lets accounts outside the organization assume it, or any subject of an OIDC provider (every "
            + "GitHub repository, for instance), fails as High. A new OpenID Connect or SAML identity provider "
            + "(CreateOpenIDConnectProvider, CreateSAMLProvider) fails as Medium: it is a new way in once a role trusts it. "
            + "The finding names who made the change, when and from where.",
        Rationale = "Intruders keep their access by adding a way in that does not depend on the credentials they stole: a role "
            + "their own account may assume, a role any GitHub repository may assume through the account's OIDC provider, or an "
            + "identity provider of their own whose tokens a role trusts. These changes are rare in a stable account, and each "
            + "one deserves a look from whoever owns IAM.",
        CommonCauses =
        [
            "An intruder creating a backdoor role trusted by an account they control.",
            "A vendor integration set up with a trust to the vendor's account but no external ID.",
            "A CI integration trusting an OIDC provider without a condition on the repository (sub).",
        ],
        Recommendation = "Confirm the change with the role's owner; if nobody vouches for it, revoke the role's sessions, restore its trust, and delete identity providers nobody uses.",
        Remediation = Containment.RevokeRoleSessions(Review, "", "a role's trust was opened"),
        RemediationVariants =
        [
            new RemediationTemplate(
                Cli: """
                    # If nobody set it up, delete it (roles that trust it stop working):
                    aws iam delete-open-id-connect-provider --open-id-connect-provider-arn {provider_arn}
                    """,
                Terraform: """
                    # A provider the team uses belongs in code, so that any other one stands out:
                    resource "aws_iam_openid_connect_provider" "{provider:id}" {
                      url            = {provider_url}
                      client_id_list = ["sts.amazonaws.com"]
                    }
                    """,
                DocUrl: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_create_oidc.html",
                Effort: Effort.Low) { When = "an OpenID Connect provider was created" },
            new RemediationTemplate(
                Cli: """
                    # If nobody set it up, delete it (roles that trust it stop working):
                    aws iam delete-saml-provider --saml-provider-arn {provider_arn}
                    """,
                Terraform: """
                    # A provider the team uses belongs in code, so that any other one stands out:
                    resource "aws_iam_saml_provider" "{provider:id}" {
                      name                   = {provider}
                      saml_metadata_document = file("saml-metadata.xml")
                    }
                    """,
                DocUrl: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_create_saml.html",
                Effort: Effort.Low) { When = "a SAML provider was created" },
        ],
        Threat = new("TF-104-trust-opened",
        [
            "https://attack.mitre.org/techniques/T1098/003/",
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html#idp_oidc_Create_GitHub",
        ]) { Escalation = "critical when anyone may assume the role; medium for a new identity provider" },
    };

    protected override IReadOnlyList<ApiCall> EventReads { get; } =
    [
        CloudTrailEventCalls.CreateRole, CloudTrailEventCalls.UpdateAssumeRolePolicy,
        CloudTrailEventCalls.CreateOpenIDConnectProvider, CloudTrailEventCalls.CreateSAMLProvider,
    ];

    protected override IReadOnlyList<ApiCall> ContextReads { get; } = [ResourcePolicyCalls.DescribeOrganization, ResourcePolicyCalls.ListAccounts];

    protected override string NothingFound => "no identity provider created and no role trust opened outside the account in";

    protected override void Judge(EventHistory history, CheckContext context, Verdict verdict)
    {
        foreach (var e in history.Events.Where(e => !e.Failed))
        {
            var who = $"by {e.Actor.Label}{e.Origin} at {e.When}";
            switch (e.EventName)
            {
                case "CreateOpenIDConnectProvider" or "CreateSAMLProvider":
                    var oidc = e.EventName == "CreateOpenIDConnectProvider";
                    var arn = (oidc ? e.ResponseElements.Str("openIDConnectProviderArn") : e.ResponseElements.Str("sAMLProviderArn"))
                        ?? $"arn:{context.Partition}:iam::{context.AccountId}:{(oidc ? "oidc-provider/" + e.Request("url") : "saml-provider/" + e.Request("name"))}";
                    var name = arn[(arn.IndexOf('/', StringComparison.Ordinal) + 1)..];
                    verdict.Fail(arn, AwsIds.GlobalRegion,
                        $"{(oidc ? "OpenID Connect" : "SAML")} identity provider {name} was created {who}: roles that trust it can be assumed with its tokens.",
                        new SlotValues().With("provider_arn", arn).With("provider", name).With("provider_url", oidc ? "https://" + name : name),
                        resourceType: oidc ? "AWS::IAM::OIDCProvider" : "AWS::IAM::SAMLProvider", severity: Severity.Medium,
                        remediation: Info.RemediationVariants[oidc ? 0 : 1], discriminator: e.EventId);
                    break;
                case "CreateRole" or "UpdateAssumeRolePolicy":
                    var role = e.Request("roleName");
                    var text = e.Request(e.EventName == "CreateRole" ? "assumeRolePolicyDocument" : "policyDocument");
                    if (role is null || text is null) continue;
                    var roleArn = $"arn:{context.Partition}:iam::{context.AccountId}:role/{role}";
                    if (Opening(text, role, roleArn, context) is not { } opening) continue;
                    verdict.Fail(roleArn, AwsIds.GlobalRegion,
                        $"Role {role} was {(e.EventName == "CreateRole" ? "created" : "given a new trust policy")} {who}, and its trust lets {opening.Who} assume it.",
                        new SlotValues().With("role", role).With("role_lookup", Containment.Lookup("ResourceName", role)).With("revoke_policy", Containment.RevokeSessionsPolicy(context.Now)),
                        severity: opening.Severity, discriminator: e.EventId);
                    break;
            }
        }
    }

    /// <summary>Who outside the account the trust lets in, and how bad that is; null when no one outside the organization.</summary>
    private static (string Who, Severity Severity)? Opening(string text, string role, string roleArn, CheckContext context)
    {
        if (!context.Policies().Get(text, PolicyKind.Trust, $"trust policy of {role}").TryGet(out var trust)) return null;
        var organization = OrganizationFacts.Of(context);
        var exposure = ResourceExposure.Analyze(WithoutServiceTrust(trust), roleArn, context.AccountId, organization.OrganizationId);
        if (exposure.Level == ExposureLevel.Public)
            return (exposure.Grants.First(g => g.Level == ExposureLevel.Public).Description, Severity.Critical);
        if (exposure.Level == ExposureLevel.CrossAccount)
        {
            var accounts = exposure.Grants.SelectMany(g => g.Accounts).Distinct().ToList();
            if (accounts.Contains("*")) return ("any AWS account, from the networks its conditions allow", Severity.High);
            var outside = accounts.Where(a => organization.MembershipOf(a) != Membership.Member).Select(organization.Describe).ToList();
            if (outside.Count > 0) return (string.Join("; ", outside), Severity.High);
        }
        var open = TrustAnalysis.OpenToAnyOidcSubject(trust, roleArn);
        return open.Count > 0 ? ($"any subject of {string.Join(", ", open.Select(o => o.Provider).Distinct())} ({open[0].Reason})", Severity.High) : null;
    }

    /// <summary>
    /// The trust without the statements that admit only AWS services: a service assumes a role only for the account that
    /// passed it the role (iam:PassRole), so trusting EC2 or Lambda opens nothing to other accounts.
    /// </summary>
    private static PolicyDocument WithoutServiceTrust(PolicyDocument trust) => new()
    {
        Kind = trust.Kind, Name = trust.Name, Version = trust.Version, Id = trust.Id,
        Statements = [.. trust.Statements.Where(s => s.Effect == Effect.Deny || s.Principals is not { } p
            || p.Everyone || p.Aws.Count > 0 || p.Federated.Count > 0 || p.CanonicalUsers.Count > 0)],
    };
}
