"""Seeds the moto server the transport integration tests call. Usage: seed_moto.py ENDPOINT"""
import io
import json
import sys
import zipfile

import boto3

endpoint = sys.argv[1]
session = boto3.session.Session(aws_access_key_id="testing", aws_secret_access_key="testing", region_name="us-east-1")


def client(name, region="us-east-1"):
    return session.client(name, endpoint_url=endpoint, region_name=region)


iam = client("iam")
for i in range(120):
    iam.create_user(UserName=f"user-{i:03}")
role = iam.create_role(RoleName="lambda-role", AssumeRolePolicyDocument=json.dumps({
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}],
}))["Role"]

s3 = client("s3")
s3.create_bucket(Bucket="audit-logs")
s3.put_bucket_policy(Bucket="audit-logs", Policy=json.dumps({
    "Version": "2012-10-17",
    "Statement": [{"Sid": "DenyInsecure", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
                   "Resource": "arn:aws:s3:::audit-logs/*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}],
}))
s3.create_bucket(Bucket="no-policy-bucket")

logs = client("logs", "eu-west-1")
for i in range(60):  # more than one page of DescribeLogGroups (50 a page)
    logs.create_log_group(logGroupName=f"/app/group-{i:02}")

cloudwatch = client("cloudwatch", "eu-west-1")
for name in ["root-usage", "unauthorized-calls"]:
    cloudwatch.put_metric_alarm(AlarmName=name, MetricName=name, Namespace="CISBenchmark", Statistic="Sum",
                                Period=300, EvaluationPeriods=1, Threshold=1, ComparisonOperator="GreaterThanOrEqualToThreshold")

client("cloudtrail", "eu-west-1").create_trail(Name="main", S3BucketName="audit-logs", IsMultiRegionTrail=True)

archive = io.BytesIO()
with zipfile.ZipFile(archive, "w") as z:
    z.writestr("handler.py", "def handler(event, context):\n    return 1\n")
client("lambda", "eu-west-1").create_function(FunctionName="worker", Runtime="python3.12", Role=role["Arn"],
                                             Handler="handler.handler", Code={"ZipFile": archive.getvalue()})
