using System.Text.Json.Nodes;
using CloudAudit.Checks.Framework;
using CloudAudit.Access.Principals;
using CloudAudit.Inventory;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Views;
using CloudAudit.Policy.Evaluation;
using CloudAudit.Policy.Matching;
using CloudAudit.Policy.Model;

namespace CloudAudit.Checks.Threat;

/// <summary>TF-007: a CI/CD role that may launch instances from any stranger's public image (the whoAMI name-confusion attack).</summary>
public sealed class WhoAmiConfusion : Check
{
    /// <summary>Service principals of AWS's own CI/CD services.</summary>
    public static readonly IReadOnlyList<string> CiServices = ["codebuild.amazonaws.com", "codepipeline.amazonaws.com", "codedeploy.amazonaws.com"];

    /// <summary>OIDC issuers of hosted CI/CD systems, as the identity provider's ARN ends (…:oidc-provider/ISSUER).</summary>
    public static readonly IReadOnlyList<(string Issuer, string System)> CiIssuers =
    [
        ("token.actions.githubusercontent.com", "GitHub Actions"), ("gitlab.com", "GitLab CI"), ("agent.buildkite.com", "Buildkite"),
        ("oidc.circleci.com", "CircleCI"), ("app.terraform.io", "HCP Terraform"), ("api.bitbucket.org", "Bitbucket Pipelines"),
    ];

    private static readonly ActionName RunInstances = ActionName.Parse("ec2:RunInstances");
    private const string StrangerAccount = "999999999999";

    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-tf-007",
        Title = "CI/CD role at risk of whoAMI confusion attack",
        Service = "Threat feed",
        Severity = Severity.Medium,
        Category = Category.Threat,
        ResourceType = "AWS::IAM::Role",
        Description = "Reads the account's roles (GetAccountAuthorizationDetails) and the Allowed AMIs setting of each scanned "
            + "region (GetAllowedImagesSettings). A role trusted by a CI/CD system (CodeBuild, CodePipeline or CodeDeploy, or "
            + "the OIDC issuer of GitHub Actions, GitLab, Buildkite, CircleCI, HCP Terraform or Bitbucket) fails when its "
            + "policies let it launch an instance from a public image of a stranger's account: ec2:RunInstances on an image "
            + "owned by another account, as the policy engine evaluates them (a Deny or an ec2:Owner condition that limits "
            + "images to trusted owners closes it). Regions whose Allowed AMIs setting is enabled with every rule naming its "
            + "image owners block such launches; the finding is raised only when some scanned region does not.",
        Rationale = "Pipelines that look an image up by name and take the most recent, without naming its owner, launch "
            + "whatever image of that name was published last, including one an attacker published with a matching name. "
            + "The attacker's code then runs inside the account's network with the instance role the pipeline gives it. The "
            + "fix belongs in the pipeline (always pass owners), but a role that cannot launch strangers' images, or an account "
            + "whose Allowed AMIs setting refuses them, makes the mistake harmless.",
        CommonCauses =
        [
            "The CI role holds AmazonEC2FullAccess, PowerUserAccess or AdministratorAccess.",
            "Packer templates or Terraform data sources look images up by name with most_recent and no owners.",
            "The account's Allowed AMIs setting was never enabled.",
        ],
        Recommendation = "Always pass owners when looking images up; deny the CI role ec2:RunInstances on images of other owners, and enable Allowed AMIs with the owners you trust.",
        Remediation = new(
            Cli: """
                # Deny the role launches from images owned by anyone but Amazon and this account:
                aws iam put-role-policy --role-name {role} --policy-name deny-images-of-other-owners --policy-document {deny_policy}
                # And refuse such images in the region for everyone (audit-mode first shows what would be refused):
                aws ec2 replace-image-criteria-in-allowed-images-settings --region {region} --image-criteria {image_criteria}
                aws ec2 enable-allowed-images-settings --region {region} --allowed-images-settings-state enabled
                """,
            Terraform: """
                resource "aws_iam_role_policy" "{role:id}_deny_images_of_other_owners" {
                  name   = "deny-images-of-other-owners"
                  role   = {role}
                  policy = {deny_policy:json}
                }

                resource "aws_ec2_allowed_images_settings" "{region:id}" {
                  region = {region}
                  state  = "enabled"
                  image_criterion {
                    image_providers = ["amazon", {account_id}]
                  }
                }
                """,
            DocUrl: "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-allowed-amis.html",
            Effort: Effort.Medium),
        Threat = new("TF-007-whoami-confusion",
        [
            "https://securitylabs.datadoghq.com/articles/whoami-a-cloud-image-name-confusion-attack/",
            "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-allowed-amis.html",
        ]),
    };

    public override IReadOnlyList<ApiCall> Reads { get; } = [IamAuthorizationCalls.GetAccountAuthorizationDetails, Ec2Calls.GetAllowedImagesSettings];

    public override void Evaluate(CheckContext context, Verdict verdict)
    {
        if (context.ReadIam(verdict) is not { } iam) return;
        var open = context.InEachRegion(r => context.Data.Ec2().AllowedImages(r), verdict)
            .Where(r => !r.Value.BlocksStrangersImages).Select(r => r.Region).ToList();
        var ci = iam.Roles.Select(r => (Role: r, Ci: CiSystem(r))).Where(r => r.Ci is not null).ToList();
        if (ci.Count == 0)
        {
            verdict.NotApplicable("no role is trusted by a CI/CD system");
            return;
        }
        foreach (var (role, system) in ci)
        {
            if (role.Unassessable is { } why)
            {
                verdict.Gap(DataGap.OutOfReach(AwsIds.GlobalRegion, "iam", "GetAccountAuthorizationDetails",
                    $"{role} is trusted by {system}, but its permissions cannot be evaluated: {why}", role.Arn));
                continue;
            }
            verdict.Scanned(role.Arn);
            if (open.Count == 0) continue;
            var region = open[0];
            if (!MayLaunchStrangersImage(role, region, context)) continue;
            verdict.Fail(role.Arn, AwsIds.GlobalRegion,
                $"Role {role.Name} is trusted by {system} and may launch instances from a public image of any account (ec2:RunInstances "
                + $"on an image another account owns); the Allowed AMIs setting does not refuse such images in {string.Join(", ", open)}. "
                + "A pipeline that looks images up by name without owners can be made to launch an attacker's image with it.",
                new SlotValues().With("role", role.Name).With("region", region).With("deny_policy", DenyPolicy(context))
                    .With("image_criteria", $"ImageProviders=amazon,{context.AccountId}"));
        }
    }

    /// <summary>The CI/CD system a role's trust policy admits, or null.</summary>
    public static string? CiSystem(IamEntity role)
    {
        foreach (var statement in role.Trust?.Statements.Where(s => s.Effect == Effect.Allow && s.Principals is not null) ?? [])
        {
            if (statement.Principals!.Services.FirstOrDefault(CiServices.Contains) is { } service)
                return service[..service.IndexOf('.', StringComparison.Ordinal)] switch
                {
                    "codebuild" => "CodeBuild", "codepipeline" => "CodePipeline", _ => "CodeDeploy",
                };
            foreach (var federated in statement.Principals.Federated)
                if (CiIssuers.FirstOrDefault(i => federated.EndsWith("oidc-provider/" + i.Issuer, StringComparison.OrdinalIgnoreCase)
                        || federated.Contains("oidc-provider/" + i.Issuer + "/", StringComparison.OrdinalIgnoreCase)) is { System: { } system })
                    return system;
        }
        return null;
    }

    private static bool MayLaunchStrangersImage(IamEntity role, string region, CheckContext context)
    {
        var image = $"arn:{context.Partition}:ec2:{region}::image/ami-0123456789abcdef0";
        var request = new RequestContext().Set("ec2:Owner", StrangerAccount).Set("ec2:Public", "true").Set("ec2:ImageType", "machine")
            .Set("aws:RequestedRegion", region);
        // The launch happens in this account; the image's owner is only a condition key (ec2:Owner).
        return PolicyEvaluator.Decide(role.Policies, new AccessRequest(role.Caller, RunInstances, image, request, context.AccountId)) == Decision.Allowed;
    }

    private static string DenyPolicy(CheckContext context) => CliFix.Json(new JsonObject
    {
        ["Version"] = "2012-10-17",
        ["Statement"] = new JsonArray(new JsonObject
        {
            ["Sid"] = "DenyImagesOfOtherOwners",
            ["Effect"] = "Deny",
            ["Action"] = "ec2:RunInstances",
            ["Resource"] = $"arn:{context.Partition}:ec2:*::image/*",
            ["Condition"] = new JsonObject { ["StringNotEquals"] = new JsonObject { ["ec2:Owner"] = new JsonArray("amazon", context.AccountId) } },
        }),
    });
}
