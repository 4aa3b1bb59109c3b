using CloudAudit.Checks.Framework;
using CloudAudit.Checks.Secrets;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.Ssm;

/// <summary>A parameter whose name says it holds a secret is stored as String or StringList, not SecureString.</summary>
public sealed class PlainTextSecretParameter : ResourceCheck<ParameterMetadata>
{
    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-ssm-002",
        Title = "Secret-looking SSM parameter stored as plain text",
        Service = "SSM",
        Severity = Severity.High,
        ResourceType = "AWS::SSM::Parameter",
        Description = "Lists parameter metadata in every scanned region (DescribeParameters; values are never read) and judges "
            + "each name by its words: a name such as /prod/db/password, STRIPE_API_KEY or client-secret marks a secret, and "
            + "database URLs and connection strings are treated as secrets because they usually embed a password. Such a "
            + "parameter fails unless its Type is SecureString. Names such as SECRET_ARN or TOKEN_TTL, which describe a secret "
            + "rather than hold one, are not in scope.",
        Rationale = "String parameters are not encrypted with KMS and are returned in clear text to anyone allowed "
            + "ssm:GetParameter(s), including read-only roles, CI jobs and the console. SecureString values additionally need "
            + "kms:Decrypt on the key, which can be restricted and is logged in CloudTrail.",
        CommonCauses =
        [
            "The parameter was created in the console, where String is the default type.",
            "Infrastructure code creates the parameter without type = SecureString.",
            "A secret was added to a tree of configuration parameters that are all plain strings.",
        ],
        Recommendation = "Recreate the parameter as SecureString with a KMS key (the type cannot be changed in place) and rotate the exposed value.",
        Remediation = new(
            Cli: "# Overwrite the parameter with its own value as a SecureString (through files, not the command line:\n"
                + "# parameter.json holds the value, delete it afterwards), then rotate the value at its issuer.\n"
                + CliFix.ReadEditWrite(
                    "aws ssm get-parameter --region {region} --name {parameter} --query Parameter",
                    "parameter",
                    "'{Name, Value, Type: \"SecureString\", KeyId: \"alias/aws/ssm\", Overwrite: true}'",
                    "aws ssm put-parameter --region {region}"),
            Terraform: """
                resource "aws_ssm_parameter" "{parameter:id}" {
                  name   = {parameter}
                  type   = "SecureString"
                  key_id = "alias/aws/ssm"
                  value  = "<SECRET_VALUE>"
                }
                """,
            DocUrl: "https://docs.aws.amazon.com/systems-manager/latest/userguide/sysman-paramstore-securestring.html",
            Effort: Effort.Low),
    };

    public override IReadOnlyList<ApiCall> Reads { get; } = [SsmCalls.DescribeParameters];

    protected override RegionalList<ParameterMetadata> List(CheckContext context) => context.Data.Ssm().Parameters();

    protected override bool InScope(ParameterMetadata parameter) => SecretNames.Judge(parameter.Name) != NameSuggests.Nothing;

    protected override string NoResources => "no SSM parameters with secret-looking names in the scanned regions";

    protected override string ResourceId(Located<ParameterMetadata> parameter, CheckContext context) =>
        parameter.Resource.ARN ?? $"arn:{context.Partition}:ssm:{parameter.Region}:{context.AccountId}:parameter{Slash(parameter.Resource.Name)}";

    protected override void Judge(Located<ParameterMetadata> parameter, CheckContext context, Verdict verdict)
    {
        if (parameter.Resource.Type == "SecureString") return;
        var kind = SecretNames.Judge(parameter.Resource.Name) == NameSuggests.ConnectionString ? "a connection string" : "a secret";
        verdict.Fail(ResourceId(parameter, context), parameter.Region,
            $"Parameter {parameter.Resource.Name} is named like {kind} but stored as {parameter.Resource.Type ?? "String"}, unencrypted.",
            new SlotValues().With("parameter", parameter.Resource.Name));
    }

    private static string Slash(string name) => name.StartsWith('/') ? name : "/" + name;
}
