using CloudAudit.Checks.Framework;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.Ecs;

/// <summary>A container in a task definition has no log configuration.</summary>
public sealed class ContainerWithoutLogging : TaskDefinitionCheck
{
    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-ecs-002",
        Title = "ECS container without log configuration",
        Service = "ECS",
        Severity = Severity.High,
        ResourceType = "AWS::ECS::TaskDefinition",
        Description = "Reads the latest ACTIVE revision of every task definition family in the scanned regions and fails each "
            + "one with a container that has no logConfiguration (no log driver), so its output goes nowhere durable.",
        Rationale = "Without a log driver, a container's stdout and stderr live only as long as the task. When a task is "
            + "compromised or crashes, the evidence leaves with it: incident response, debugging and audit all start blind, "
            + "and attackers who run commands in the container leave no trace.",
        CommonCauses =
        [
            "Sidecar containers were added without the log configuration the main container has.",
            "Task definitions were hand-written for Fargate without awslogs, which ECS does not add by default.",
            "Logging was left out on purpose to save CloudWatch Logs cost.",
        ],
        Recommendation = "Give every container a log driver (awslogs or FireLens) and make sure the task execution role may write the logs.",
        Remediation = new(
            Cli: """
                # The task execution role needs logs:CreateLogStream and logs:PutLogEvents on the group.
                aws logs create-log-group --region {region} --log-group-name {log_group}

                """ + ReviseCli("--arg group {log_group} --arg region {region} ",
                    ".family as $family | .containerDefinitions |= map(.logConfiguration //= "
                    + "{logDriver: \"awslogs\", options: {\"awslogs-group\": $group, \"awslogs-region\": $region, \"awslogs-stream-prefix\": $family}})"),
            Terraform: """
                resource "aws_cloudwatch_log_group" "{family:id}" {
                  name = {log_group}
                }

                locals {
                  {family:id}_{container:id} = {
                    name      = {container}
                    image     = {image}
                    essential = true
                    logConfiguration = {
                      logDriver = "awslogs"
                      options = {
                        "awslogs-group"         = aws_cloudwatch_log_group.{family:id}.name
                        "awslogs-region"        = {region}
                        "awslogs-stream-prefix" = {family}
                      }
                    }
                  }
                }

                # Every container definition with this logConfiguration.
                # In the aws_ecs_task_definition resource that manages {family}:
                resource "aws_ecs_task_definition" "{family:id}" {
                  family                = {family}
                  container_definitions = jsonencode([local.{family:id}_{container:id}])
                }
                """,
            DocUrl: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_awslogs.html",
            Effort: Effort.Low),
    };

    protected override bool Fails(EcsContainerDefinition container) => container.LogConfiguration?.LogDriver is null;

    protected override string Problem => "has no log configuration";
}
