using CloudAudit.Checks.Framework;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.AgentCore;

/// <summary>An AgentCore code interpreter with unrestricted internet access.</summary>
public sealed class CodeInterpreterPublicNetwork : CodeInterpreterCheck
{
    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-agc-001",
        Title = "AgentCore code interpreter with public network access",
        Service = "AgentCore",
        Severity = Severity.High,
        ResourceType = "AWS::BedrockAgentCore::CodeInterpreterCustom",
        Description = "Reads every custom code interpreter in the scanned regions (ListCodeInterpreters with type CUSTOM, then "
            + "GetCodeInterpreter) and fails each one whose networkConfiguration.networkMode is PUBLIC. SANDBOX (no network) "
            + "and VPC modes pass; the AWS-managed SYSTEM interpreters are not judged.",
        Rationale = "A code interpreter runs code an LLM wrote, often steered by untrusted input. In PUBLIC mode that code can "
            + "download tools and send whatever it can read (files the agent passed in, data from the session, credentials of "
            + "its execution role) to any host on the internet: prompt injection becomes data exfiltration.",
        CommonCauses =
        [
            "PUBLIC was chosen so that generated code could pip install packages.",
            "The interpreter was created from an example that uses PUBLIC mode.",
        ],
        Recommendation = "Recreate the code interpreter in SANDBOX mode, or in VPC mode with egress limited to what it needs (network mode cannot be changed in place).",
        Remediation = new(
            Cli: "# The network mode cannot be changed: create a sandboxed copy of the interpreter.\n"
                + CliFix.ReadEditWrite(
                    "aws bedrock-agentcore-control get-code-interpreter --region {region} --code-interpreter-id {interpreter_id}",
                    "code-interpreter",
                    "--arg name {sandboxed_interpreter} '{name: $name, description, executionRoleArn, certificates, filesystemConfigurations} "
                    + "| with_entries(select(.value != null)) | .networkConfiguration = {networkMode: \"SANDBOX\"}'",
                    "aws bedrock-agentcore-control create-code-interpreter --region {region}")
                + """

                # Point agents at the new interpreter, then delete the public one:
                aws bedrock-agentcore-control delete-code-interpreter --region {region} --code-interpreter-id {interpreter_id}
                """,
            Terraform: """
                resource "aws_bedrockagentcore_code_interpreter" "{interpreter:id}" {
                  region             = {region}
                  name               = {interpreter}
                  execution_role_arn = "<EXECUTION_ROLE_ARN>"

                  network_configuration {
                    network_mode = "SANDBOX"
                  }
                }
                """,
            DocUrl: "https://docs.aws.amazon.com/bedrock-agentcore/latest/devguide/code-interpreter-tool.html",
            Effort: Effort.Medium),
    };

    protected override void Judge(Located<CodeInterpreter> interpreter, CheckContext context, Verdict verdict)
    {
        var c = interpreter.Resource;
        if (c.NetworkConfiguration?.NetworkMode != "PUBLIC") return;
        verdict.Fail(c.CodeInterpreterArn, interpreter.Region,
            $"Code interpreter {c.Name} runs generated code with unrestricted internet access (networkMode PUBLIC).",
            new SlotValues().With("interpreter", c.Name).With("interpreter_id", c.CodeInterpreterId).With("sandboxed_interpreter", $"{c.Name}_sandbox"));
    }
}
