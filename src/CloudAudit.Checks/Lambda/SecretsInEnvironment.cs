using System.Text.Json.Nodes;
using CloudAudit.Checks.Framework;
using CloudAudit.Checks.Secrets;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.Lambda;

/// <summary>Secrets stored in plain text in a Lambda function's environment variables.</summary>
public sealed class SecretsInEnvironment : LambdaFunctionCheck
{
    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-lambda-003",
        Title = "Secrets in Lambda environment variables",
        Service = "Lambda",
        Severity = Severity.High,
        ResourceType = "AWS::Lambda::Function",
        Description = "Examines each function's environment variables by value and by name. Values are matched against known "
            + "credential formats (AWS access key IDs, private keys, GitHub, GitLab, Slack, Stripe, Google, SendGrid and npm "
            + "tokens, JWTs), URLs with an embedded password and long high-entropy strings. A variable whose name reads as a "
            + "secret (PASSWORD, SECRET, TOKEN, API_KEY, PRIVATE_KEY, DB_PASS …) fails when it holds a plain-text value rather "
            + "than a reference (an ARN, an SSM parameter path) or KMS ciphertext. Findings name the variable and the kind of "
            + "secret; values are never printed.",
        Rationale = "Environment variables are returned in clear text by GetFunctionConfiguration and ListFunctions, so every "
            + "principal with read-only Lambda access, every CI log that prints the function's configuration and every copy "
            + "of an infrastructure template holds the secret. Secrets there are also never rotated, because changing one "
            + "means redeploying the function.",
        CommonCauses =
        [
            "A quick fix pasted a key into the console during an incident and it stayed.",
            "Templates pass secrets as plain parameters into Environment instead of resolving them at run time.",
            "Legacy code reads credentials from variables and nobody moved it to Secrets Manager.",
        ],
        Recommendation = "Move each secret to Secrets Manager or SSM SecureString, read it at run time, remove the variable, and rotate the exposed credential.",
        Remediation = new(
            Cli: """
                # 1. Move the secret variables into one Secrets Manager secret (a JSON object of name and value), through
                #    files rather than the command line; environment.json and secret.json hold the values: delete them afterwards.
                aws lambda get-function-configuration --region {region} --function-name {function} --query Environment --output json > environment.json
                jq --argjson names {secret_variables} '.Variables | with_entries(select(.key as $name | any($names[]; . == $name)))' environment.json > secret.json
                aws secretsmanager create-secret --region {region} --name {secret_name} --secret-string file://secret.json
                # 2. Keep every other variable (this call replaces them all); the code reads the secret at start-up.
                jq --argjson names {secret_variables} '{Variables: .Variables | with_entries(select(.key as $name | all($names[]; . != $name)))}' environment.json > new-environment.json
                aws lambda update-function-configuration --region {region} --function-name {function} --environment file://new-environment.json
                # 3. Rotate the exposed credentials at their issuer: they were readable by anyone allowed to read the function's configuration.
                """,
            Terraform: """
                resource "aws_secretsmanager_secret" "{function:id}_secret" {
                  name = {secret_name}
                }

                # Remove the secret variables from environment.variables and pass the secret's ARN; the code reads the value at start-up.
                # In the aws_lambda_function resource that manages {function}:
                resource "aws_lambda_function" "{function:id}" {
                  function_name = {function}

                  environment {
                    variables = {
                      SECRET_ARN = aws_secretsmanager_secret.{function:id}_secret.arn
                    }
                  }
                }
                """,
            DocUrl: "https://docs.aws.amazon.com/secretsmanager/latest/userguide/retrieving-secrets_lambda.html",
            Effort: Effort.Medium),
    };

    protected override void Judge(Located<LambdaFunction> function, CheckContext context, Verdict verdict)
    {
        var exposed = EnvironmentSecrets.Find(function.Resource.Environment?.Variables);
        if (exposed.Count == 0) return;
        var name = function.Resource.FunctionName;
        verdict.Fail(function.Resource.FunctionArn, function.Region,
            $"Function {name} holds {exposed.Count} secret(s) in plain-text environment variables: {string.Join(", ", exposed)}. Values are not shown.",
            Slots(function.Resource)
                .With("secret_name", $"lambda/{name}")
                .With("secret_variables", CliFix.Json(new JsonArray(exposed.Select(e => (JsonNode)e.Name).ToArray()))));
    }
}
