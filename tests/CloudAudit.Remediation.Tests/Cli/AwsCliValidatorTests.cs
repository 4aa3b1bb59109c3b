using CloudAudit.Remediation.Tests.Shell;

namespace CloudAudit.Remediation.Tests.Cli;

/// <summary>The CLI validator accepts what the AWS CLI runs and rejects, with a reason, what it refuses.</summary>
public class AwsCliValidatorTests
{
    private static IReadOnlyList<string> Problems(string snippet) => RemediationCliTests.CliProblems(snippet);

    [Theory]
    [InlineData("aws cloudtrail create-trail --name t --s3-bucket-name b --is-multi-region-trail --no-include-global-service-events")]
    [InlineData("aws --region eu-west-1 cloudtrail start-logging --name t")]
    [InlineData("aws cloudtrail update-trail --name=t --region us-gov-west-1 --output json --no-cli-pager")]
    [InlineData("aws cloudwatch enable-alarm-actions --alarm-names a b c")]
    [InlineData("aws sns subscribe --topic-arn <TOPIC_ARN> --protocol email --notification-endpoint <EMAIL>")]
    [InlineData("aws logs put-metric-filter --log-group-name g --filter-name f --filter-pattern '{ $.x = 1 }' --metric-transformations metricName=m,metricNamespace=n,metricValue=1")]
    [InlineData("aws cloudtrail put-event-selectors --trail-name t --event-selectors '[{\"ReadWriteType\":\"All\",\"IncludeManagementEvents\":true}]'")]
    [InlineData("aws s3api put-bucket-logging --bucket b --bucket-logging-status '{\"LoggingEnabled\":{\"TargetBucket\":\"<LOG_BUCKET>\",\"TargetPrefix\":\"p/\"}}'")]
    [InlineData("aws s3api put-public-access-block --bucket b --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true")]
    [InlineData("aws ec2 revoke-security-group-ingress --group-id sg-1 --protocol tcp --port 22 --cidr 0.0.0.0/0")]
    [InlineData("aws configservice describe-config-rules")]
    [InlineData("aws s3api get-object --bucket b --key k out.bin")]
    [InlineData("aws iam list-users --max-items 10 --starting-token x")]
    [InlineData("# comment only line\naws securityhub enable-security-hub # trailing comment")]
    [InlineData("aws ecs describe-task-definition --task-definition web --query taskDefinition --output json > current.json\n"
        + "jq --arg group /ecs/web 'del(.revision) | .containerDefinitions |= map(.logConfiguration.options.\"awslogs-group\" = $group)' current.json > taskdef.json\n"
        + "aws ecs register-task-definition --cli-input-json file://taskdef.json")]
    [InlineData("jq -n --argjson names '[\"A\"]' --arg v <VALUE> '{names: $names, v: $v}' > in.json\naws ecs register-task-definition --cli-input-json file://in.json")]
    [InlineData("aws ec2 create-network-acl-entry --network-acl-id acl-1 --ingress --rule-number 90 --protocol tcp --port-range From=22,To=22 --cidr-block 0.0.0.0/0 --rule-action deny")]
    [InlineData("aws rds wait db-snapshot-available --region eu-west-1 --db-snapshot-identifier s")]
    [InlineData("aws application-autoscaling register-scalable-target --service-namespace dynamodb --resource-id table/t --scalable-dimension dynamodb:table:ReadCapacityUnits --min-capacity 5 --max-capacity 50")]
    [InlineData("aws ec2 create-subnet --vpc-id v --cidr-block 10.0.0.0/24 --output json > subnet.json\naws ec2 create-route-table --vpc-id v --output json > table.json\n"
        + "jq --slurpfile table table.json '{SubnetId: .Subnet.SubnetId, RouteTableId: $table[0].RouteTable.RouteTableId}' subnet.json > association.json\n"
        + "aws ec2 associate-route-table --cli-input-json file://association.json")]
    public void Accepts_commands_the_cli_runs(string snippet)
    {
        Assert.Empty(Problems(snippet));
    }

    [Theory]
    [InlineData("aws cloudtrail create-trail --s3-bucket-name b", "requires --name")]
    [InlineData("aws cloudtrail create-trail --name t --s3-bucket-name b --multi-region", "unknown parameter --multi-region")]
    [InlineData("aws cloudtrail create-trial --name t", "'create-trial' is not an operation of aws cloudtrail")]
    [InlineData("aws cloudtrial create-trail --name t", "'cloudtrial' is not an AWS CLI service")]
    [InlineData("aws config describe-config-rules", "'config' is not an AWS CLI service")]
    [InlineData("aws s3 ls", "high-level 'aws s3'")]
    [InlineData("aws cloudtrail start-logging --name t --is-multi-region-trail", "unknown parameter --is-multi-region-trail")]
    [InlineData("aws cloudtrail update-trail --name t --is-multi-region-trail true", "takes no argument 'true'")]
    [InlineData("aws cloudtrail update-trail --name t --is-multi-region-trail --no-is-multi-region-trail", "both --is-multi-region-trail and --no-is-multi-region-trail")]
    [InlineData("aws cloudtrail update-trail --name", "--name needs a value")]
    [InlineData("aws cloudtrail update-trail --name t --name u", "--name is given twice")]
    [InlineData("aws cloudtrail update-trail --name my trail", "takes no argument 'trail'")]
    [InlineData("aws cloudtrail update-trail --region global --name t", "--region 'global' is not a region name")]
    [InlineData("aws sns subscribe --topic-arn t --protocol email --endpoint e", "unknown parameter --endpoint")]
    [InlineData("aws ec2 run-instances --image-id ami-1 --min-count 1 --max-count 1", "unknown parameter --min-count")]
    [InlineData("aws cloudtrail put-event-selectors --trail-name t --event-selectors '[{\"ReadWriteType\":\"All\",}]'", "not valid JSON")]
    [InlineData("aws cloudtrail put-event-selectors --trail-name t --event-selectors '[{\"ReadWriteTyp\":\"All\"}]'", "has no member 'ReadWriteTyp'")]
    [InlineData("aws cloudtrail put-event-selectors --trail-name t --event-selectors '[{\"IncludeManagementEvents\":\"yes\"}]'", "expected a boolean")]
    [InlineData("aws cloudtrail put-event-selectors --trail-name t --advanced-event-selectors '[{\"Name\":\"x\"}]'", "requires member 'FieldSelectors'")]
    [InlineData("aws logs put-metric-filter --log-group-name g --filter-name f --filter-pattern p --metric-transformations metricName=m,metricValue=1", "requires member 'metricNamespace'")]
    [InlineData("aws logs put-metric-filter --log-group-name g --filter-name f --filter-pattern p --metric-transformations metricName=m,metricNamespace=n,value=1", "has no member 'value'")]
    [InlineData("aws s3api put-public-access-block --bucket b --public-access-block-configuration BlockPublicAcls=maybe", "'maybe' is not a valid boolean")]
    [InlineData("aws cloudwatch put-metric-alarm --alarm-name a --evaluation-periods two --comparison-operator GreaterThanThreshold", "'two' is not a valid integer")]
    [InlineData("aws logs associate-kms-key --log-group-name logs.<REGION>.x --kms-key-id k", "must be a whole value")]
    [InlineData("aws s3api put-bucket-logging --bucket b --bucket-logging-status '{\"LoggingEnabled\":{\"TargetBucket\":\"arn:<LOG_BUCKET>\",\"TargetPrefix\":\"p\"}}'", "must be a whole value")]
    [InlineData("aws s3api get-object --bucket b --key k", "needs the output file name")]
    [InlineData("aws cloudtrail describe-trails | jq .", "a pipe")]
    [InlineData("aws cloudtrail describe-trails; rm -rf /tmp/x", "'rm' is not the aws command")]
    [InlineData("aws cloudtrail update-trail --name $TRAIL", "unquoted '$' is expanded")]
    [InlineData("aws cloudtrail update-trail --name \"$(whoami)\"", "inside double quotes is expanded")]
    [InlineData("aws logs put-metric-filter --log-group-name g --filter-name f --metric-transformations metricName=m,metricNamespace=n,metricValue=1 --filter-pattern { $.x = 1 }", "brace expansion")]
    [InlineData("aws cloudtrail update-trail --name 'unterminated", "unterminated single quote")]
    [InlineData("aws logs describe-log-groups --log-group-name-prefix /aws/* ", "glob")]
    [InlineData("", "no command")]
    [InlineData("aws cloudtrail describe-trails > trails.json\njq . trails.json > t.json\naws cloudtrail create-trail --cli-input-json file://t.json", "must say --output json")]
    [InlineData("aws cloudtrail create-trail --cli-input-json file://trail.json", "no earlier command of the fix writes")]
    [InlineData("aws cloudtrail create-trail --cli-input-json file://t.json\njq . x.json > t.json", "no earlier command of the fix writes (> t.json)")]
    [InlineData("aws cloudtrail describe-trails --output json > trails.json", "no later command reads")]
    [InlineData("aws cloudtrail describe-trails --output json > t.json\njq . t.json > t.json\naws cloudtrail create-trail --cli-input-json file://t.json", "reads and writes t.json")]
    [InlineData("aws cloudtrail describe-trails --output json > t.json\njq '.trailList[' t.json > u.json\naws cloudtrail create-trail --cli-input-json file://u.json", "does not compile")]
    [InlineData("aws cloudtrail describe-trails --output json > t.json\njq '.x = $undefined' t.json > u.json\naws cloudtrail create-trail --cli-input-json file://u.json", "does not compile")]
    [InlineData("aws cloudtrail describe-trails --output json > t.json\njq --slurp . t.json > u.json\naws cloudtrail create-trail --cli-input-json file://u.json", "--slurp is not one a fix uses")]
    [InlineData("aws cloudtrail describe-trails --output json > t.json\njq . t.json", "must write its result to a file")]
    [InlineData("aws cloudtrail describe-trails --output json > t.json\njq --argjson x '{oops' . t.json > u.json\naws cloudtrail create-trail --cli-input-json file://u.json", "is not JSON")]
    [InlineData("jq . > u.json\naws cloudtrail create-trail --cli-input-json file://u.json", "needs one input file")]
    [InlineData("aws ec2 create-network-acl-entry --network-acl-id acl-1 --rule-number 90 --protocol tcp --cidr-block 0.0.0.0/0 --rule-action deny", "requires --egress")]
    [InlineData("aws ec2 create-network-acl-entry --network-acl-id acl-1 --egress --ingress --rule-number 90 --protocol tcp --cidr-block 0.0.0.0/0 --rule-action deny", "both --egress and --ingress")]
    [InlineData("aws ec2 create-network-acl-entry --network-acl-id acl-1 --no-egress --rule-number 90 --protocol tcp --cidr-block 0.0.0.0/0 --rule-action deny", "unknown parameter --no-egress")]
    [InlineData("aws rds wait db-snapshot-ready --db-snapshot-identifier s", "'db-snapshot-ready' is not a waiter of aws rds wait")]
    [InlineData("aws rds wait db-snapshot-available --snapshot-id s", "unknown parameter --snapshot-id")]
    [InlineData("aws rds wait", "no waiter named")]
    [InlineData("aws ec2 create-subnet --vpc-id v --cidr-block 10.0.0.0/24 --output json > subnet.json\n"
        + "jq --slurpfile table table.json '{SubnetId: .Subnet.SubnetId, RouteTableId: $table[0].RouteTable.RouteTableId}' subnet.json > association.json\n"
        + "aws ec2 associate-route-table --cli-input-json file://association.json", "reads table.json, which no earlier command")]
    public void Rejects_what_the_cli_would_refuse(string snippet, string reason)
    {
        var problems = Problems(snippet);
        Assert.Contains(problems, p => p.Contains(reason, StringComparison.Ordinal));
    }
}
