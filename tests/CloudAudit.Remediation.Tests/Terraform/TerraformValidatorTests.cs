namespace CloudAudit.Remediation.Tests.Terraform;

/// <summary>The Terraform validator, on the real HCL parser's output: what it accepts and what it rejects.</summary>
public class TerraformValidatorTests
{
    private const string Trail = """
        resource "aws_cloudtrail" "main" {
          name           = "t"
          s3_bucket_name = "<BUCKET>"
          event_selector {
            read_write_type = "All"
          }
        }
        """;

    private static readonly string[] Snippets =
    [
        Trail,
        """
        resource "aws_cloudwatch_log_group" "cloudtrail" {
          name = "g"
        }

        resource "aws_cloudtrail" "t" {
          name                       = "t"
          s3_bucket_name             = "b"
          cloud_watch_logs_group_arn = "${aws_cloudwatch_log_group.cloudtrail.arn}:*"
          tags                       = { Owner = "security" }
          depends_on                 = [aws_cloudwatch_log_group.cloudtrail]
          lifecycle {
            ignore_changes = [tags]
          }
        }
        """,
        """
        # In the aws_cloudwatch_metric_alarm resource that manages "x":
        resource "aws_cloudwatch_metric_alarm" "x" {
          alarm_name      = "x"
          actions_enabled = true
        }
        """,
        """
        provider "aws" {
          region = "eu-west-1"
        }
        variable "bucket" {
          type = string
        }
        data "aws_caller_identity" "current" {}
        import {
          to = aws_s3_bucket_public_access_block.b
          id = var.bucket
        }
        resource "aws_s3_bucket_public_access_block" "b" {
          bucket            = var.bucket
          block_public_acls = data.aws_caller_identity.current.account_id != "" ? true : false
          ignore_public_acls = "$${literal}"
        }
        """,
        """
        resource "aws_cloudtrail" "bad_label" { name = "t" }
        """,
        """
        resource "aws_cloudwatch_metric_alarm" "x" {
          alarm_name      = "x"
          actions_enabled = true
        }
        """,
        """
        resource "aws_cloudtrail" "t" {
          name           = "t"
          s3_bucket_name = "b"
          event_selector = [{ read_write_type = "All" }]
          kms_key_id {
          }
        }
        """,
        """
        resource "aws_cloud_trail" "t" {
          name = "t"
        }
        resource "aws_cloudtrail" "9t" {
          name            = "t"
          s3_bucket_name  = "arn:aws:s3:::<BUCKET>"
          multi_region    = true
          sns_topic_name  = aws_sns_topic.alerts.name
          kms_key_id      = var.key
        }
        resource "aws_cloudwatch_log_metric_filter" "f" {
          name           = "f"
          log_group_name = "g"
          pattern        = ""
          metric_transformation {
            name = "m"
          }
          metric_transformation {
            name = "n"
          }
        }
        provider "google" {}
        """,
        """
        resource "aws_cloudtrail" "t" {
          name = "t"
        """,
        // cdktf does not describe the provider's recursive blocks (rule statement): written as blocks, their contents go unchecked.
        """
        resource "aws_wafv2_web_acl" "w" {
          name  = "w"
          scope = "REGIONAL"
          default_action {
            allow {}
          }
          rule {
            name     = "common"
            priority = 0
            override_action {
              none {}
            }
            statement {
              managed_rule_group_statement {
                vendor_name = "AWS"
                name        = "AWSManagedRulesCommonRuleSet"
              }
            }
            visibility_config {
              sampled_requests_enabled   = true
              cloudwatch_metrics_enabled = true
              metric_name                = "common"
            }
          }
          visibility_config {
            sampled_requests_enabled   = true
            cloudwatch_metrics_enabled = true
            metric_name                = "w"
          }
        }
        """,
        """
        resource "aws_wafv2_rule_group" "g" {
          name     = "g"
          scope    = "REGIONAL"
          capacity = 10
          rule {
            name      = "r"
            priority  = 0
            statement = { geo_match_statement = { country_codes = ["XX"] } }
            action {
              block {}
            }
            visibility_config {
              sampled_requests_enabled   = true
              cloudwatch_metrics_enabled = true
              metric_name                = "r"
            }
          }
          visibility_config {
            sampled_requests_enabled   = true
            cloudwatch_metrics_enabled = true
            metric_name                = "g"
          }
        }
        """,
        """
        resource "aws_iam_role" "r" {
          name = "r"
          assume_role_policy = jsonencode({
            Statement = [{ Condition = { StringLike = { "host:sub" = "<ALLOWED_SUBJECT>" } } }]
          })
        }
        """,
        """
        resource "aws_iam_role" "r" {
          name = "r"
          assume_role_policy = jsonencode({
            Statement = [{ Condition = { StringLike = { "host:sub" = "repo:<OWNER>/*" } } }]
          })
        }
        """,
    ];

    private static readonly Lazy<IReadOnlyDictionary<string, HclParse>> Parsed = new(() => HclParser.ParseAll(Snippets));

    private static IReadOnlyList<string> Problems(int snippet)
    {
        var parse = Parsed.Value[Snippets[snippet]];
        return parse.Error is { } error ? [error] : new TerraformValidator(TerraformSchema.Default).Validate(Snippets[snippet], parse.Configuration!);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(9)]
    [InlineData(11)]
    public void Accepts_valid_configurations(int snippet)
    {
        Assert.Empty(Problems(snippet));
    }

    [Theory]
    [InlineData(4, "aws_cloudtrail.bad_label: required argument 's3_bucket_name' is missing")]
    [InlineData(5, "required argument 'comparison_operator' is missing")]
    [InlineData(6, "'event_selector' is a block; write it as event_selector { … }")]
    [InlineData(6, "'kms_key_id' is an argument; write it as kms_key_id = …")]
    [InlineData(7, "resource type 'aws_cloud_trail' is not in the aws provider")]
    [InlineData(7, "'9t' is not a valid Terraform name")]
    [InlineData(7, "a <PLACEHOLDER> must be a whole string")]
    [InlineData(7, "no argument or block 'multi_region'")]
    [InlineData(7, "refers to aws_sns_topic.alerts, which the snippet does not define")]
    [InlineData(7, "refers to var.key, which the snippet does not define")]
    [InlineData(7, "block 'metric_transformation' may appear only once")]
    [InlineData(7, "required argument 'namespace' is missing")]
    [InlineData(7, "provider 'google'")]
    [InlineData(8, "Unclosed configuration block")]
    [InlineData(10, "'statement' is a block; write it as statement { … }")]
    [InlineData(12, "a <PLACEHOLDER> must be a whole string")]
    public void Rejects_what_terraform_would_refuse(int snippet, string reason)
    {
        Assert.Contains(Problems(snippet), p => p.Contains(reason, StringComparison.Ordinal));
    }

    [Fact]
    public void One_line_blocks_are_read_like_any_other()
    {
        Assert.Equal(["aws_cloudtrail.bad_label: required argument 's3_bucket_name' is missing"], Problems(4));
    }

    [Fact]
    public void The_schema_is_the_whole_aws_provider()
    {
        var schema = TerraformSchema.Default;
        Assert.True(schema.Resources.Count > 1500, $"{schema.Resources.Count} resource types");
        Assert.True(schema.DataSources.Count > 600, $"{schema.DataSources.Count} data sources");
        Assert.True(schema.Resources["aws_cloudwatch_log_metric_filter"].Blocks["metric_transformation"] is { Required: true, Single: true });
        Assert.True(schema.Resources["aws_cloudtrail"].Arguments["s3_bucket_name"]);
        Assert.False(schema.Resources["aws_cloudtrail"].Arguments["kms_key_id"]);
        Assert.True(schema.Resources["aws_wafv2_web_acl"].Blocks["rule"].Schema.Blocks["statement"].Schema.Undescribed);
    }
}
