using CloudAudit.Checks.Framework;
using CloudAudit.Access.Principals;
using CloudAudit.Inventory;
using CloudAudit.Inventory.Catalog;

namespace CloudAudit.Checks.Threat;

/// <summary>TF-010: AmazonDataZoneFullAccess held by a principal that is not an administrator anyway.</summary>
public sealed class DataZoneOvergrant : Check
{
    public const string PolicyName = "AmazonDataZoneFullAccess";
    private const string UserScopedPolicy = "AmazonDataZoneFullUserAccess";

    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-tf-010",
        Title = "AmazonDataZoneFullAccess attached to non-admin principal",
        Service = "Threat feed",
        Severity = Severity.High,
        Category = Category.Threat,
        ResourceType = "AWS::IAM::User",
        Description = "Reads the account's IAM authorization details and fails every user and role that holds the AWS managed "
            + "policy AmazonDataZoneFullAccess, attached to it or to one of its groups, and is not an administrator. Whether "
            + "the principal is an administrator is decided by the policy engine from all its policies and its permissions "
            + "boundary (every action on every resource), not from policy names: for an administrator the policy adds "
            + "nothing. The finding says where the policy is attached, and the fix detaches it there.",
        Rationale = "AmazonDataZoneFullAccess is the administrative policy of Amazon DataZone: it manages domains, projects "
            + "and environments, and through them reaches the Glue Data Catalog and the data behind it. Attached to an analyst "
            + "or a workload, it turns the compromise of one ordinary principal into access to the organization's data "
            + "catalog; users of DataZone need the user-level policy or project membership instead.",
        CommonCauses =
        [
            "The full-access managed policy was attached during onboarding because it was the first one that worked.",
            "A group for data teams carries the administrative policy meant for the platform team.",
            "A pipeline role was given full access to create domains once, and kept it.",
        ],
        Recommendation = "Detach AmazonDataZoneFullAccess from principals that do not administer DataZone, and give DataZone users AmazonDataZoneFullUserAccess or project membership instead.",
        Remediation = Fix("user"),
        RemediationVariants = [Fix("role"), Fix("group")],
        Threat = new("TF-010-datazone-overgrant",
        [
            "https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AmazonDataZoneFullAccess.html",
            "https://docs.aws.amazon.com/datazone/latest/userguide/security-iam.html",
        ]),
    };

    private static RemediationTemplate Fix(string kind) => new(
        Cli: $$"""
            aws iam attach-{{kind}}-policy --{{kind}}-name {entity_name} --policy-arn {scoped_policy_arn}
            aws iam detach-{{kind}}-policy --{{kind}}-name {entity_name} --policy-arn {full_policy_arn}
            """,
        Terraform: $$"""
            # In place of the aws_iam_{{kind}}_policy_attachment of {{PolicyName}}:
            resource "aws_iam_{{kind}}_policy_attachment" "{entity_name:id}_datazone_user" {
              {{kind}}       = {entity_name}
              policy_arn = "arn:aws:iam::aws:policy/{{UserScopedPolicy}}"
            }
            """,
        DocUrl: "https://docs.aws.amazon.com/datazone/latest/userguide/security-iam-awsmanpol.html",
        Effort: Effort.Low) { When = $"the policy is attached to a {kind}" };

    public override IReadOnlyList<ApiCall> Reads { get; } = [IamAuthorizationCalls.GetAccountAuthorizationDetails];

    public override void Evaluate(CheckContext context, Verdict verdict)
    {
        if (context.ReadIam(verdict) is not { } iam) return;
        var policyArn = $"arn:{context.Partition}:iam::aws:policy/{PolicyName}";
        foreach (var principal in iam.Principals.Where(p => !p.IsServiceLinked))
        {
            var holders = new[] { principal }.Concat(principal.Groups)
                .Where(e => e.OwnPolicies.Any(p => p.ManagedArn == policyArn)).ToList();
            if (holders.Count == 0)
            {
                verdict.Scanned(principal.Arn);
                continue;
            }
            if (principal.Unassessable is { } why)
            {
                verdict.Gap(DataGap.OutOfReach(AwsIds.GlobalRegion, "iam", "GetAccountAuthorizationDetails",
                    $"{principal} holds {PolicyName}, but whether it is an administrator cannot be decided: {why}", principal.Arn));
                continue;
            }
            verdict.Scanned(principal.Arn);
            if (context.Access().IsAdministrator(principal).IsAdministrator) continue;
            var holder = holders[0];
            var through = holder == principal ? "attached to it" : $"through its group {holder.Name}";
            verdict.Fail(principal.Arn, AwsIds.GlobalRegion,
                $"{Capitalized(principal.ToString())} holds {PolicyName} ({through}) and is not an administrator "
                + $"({string.Join("; ", context.Access().IsAdministrator(principal).Reasons)}): it can administer every DataZone domain and the data catalog behind them.",
                new SlotValues().With("entity_name", holder.Name)
                    .With("scoped_policy_arn", $"arn:{context.Partition}:iam::aws:policy/{UserScopedPolicy}").With("full_policy_arn", policyArn),
                resourceType: principal.Kind == IamEntityKind.Role ? "AWS::IAM::Role" : "AWS::IAM::User",
                remediation: holder.Kind switch
                {
                    IamEntityKind.User => Info.Remediation,
                    IamEntityKind.Role => Info.RemediationVariants[0],
                    _ => Info.RemediationVariants[1],
                });
        }
    }

    private static string Capitalized(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}
