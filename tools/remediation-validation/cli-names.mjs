// How the AWS CLI (v1 and v2) names what the service models define. Facts about the CLI's
// command-line surface, written down here so the generated table matches what `aws` accepts.

/** Model folder → CLI command, where they differ. */
export const serviceCommandNames = { s3: 's3api', config: 'configservice' };

/** Operation names the CLI does not derive by rule (botocore seeds these by hand). */
const irregularNames = {
  ExecutePartiQLStatement: 'execute-partiql-statement',
  ExecutePartiQLTransaction: 'execute-partiql-transaction',
  ExecutePartiQLBatch: 'execute-partiql-batch',
  CreateCachediSCSIVolume: 'create-cached-iscsi-volume',
  DescribeCachediSCSIVolumes: 'describe-cached-iscsi-volumes',
  DescribeStorediSCSIVolumes: 'describe-stored-iscsi-volumes',
  CreateStorediSCSIVolume: 'create-stored-iscsi-volume',
  GetOTelEnrichment: 'get-otel-enrichment',
  StartOTelEnrichment: 'start-otel-enrichment',
  StopOTelEnrichment: 'stop-otel-enrichment',
};

/** Older command names the CLI still accepts ("service.operation" → alias). */
export const operationAliases = {
  'cloudwatch.get-otel-enrichment': 'get-o-tel-enrichment',
  'cloudwatch.start-otel-enrichment': 'start-o-tel-enrichment',
  'cloudwatch.stop-otel-enrichment': 'stop-o-tel-enrichment',
};

/**
 * botocore's xform_name with "-": PutMetricFilter → put-metric-filter, GatewayARNs → gateway-arns,
 * logGroupName → log-group-name, S3BucketName → s3-bucket-name.
 */
export function cliName(name) {
  if (name.includes('-')) return name;
  if (irregularNames[name]) return irregularNames[name];
  const plural = name.match(/[A-Z]{2,}s$/);
  if (plural) name = `${name.slice(0, -plural[0].length)}-${plural[0].toLowerCase()}`;
  return name
    .replace(/(.)([A-Z][a-z]+)/g, '$1-$2')
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase();
}

/** Commands the CLI removes from the model's operations. */
export const removedOperations = {
  ses: ['delete-verified-email-address', 'list-verified-email-addresses', 'verify-email-address'],
  ec2: ['import-instance', 'import-volume'],
  emr: ['run-job-flow', 'describe-job-flows', 'add-job-flow-steps', 'terminate-job-flows', 'list-bootstrap-actions',
    'list-instance-groups', 'set-termination-protection', 'set-keep-job-flow-alive-when-no-steps',
    'set-visible-to-all-users', 'set-unhealthy-node-replacement'],
  kinesis: ['subscribe-to-shard'],
  lambda: ['invoke-with-response-stream'],
  logs: ['get-log-object'],
  rds: ['modify-option-group'],
};

/**
 * Parameters the CLI renames: "service.operation.parameter" ('*' for every operation) → new name.
 * The old name stops working.
 */
export const renamedParameters = {
  'ec2.create-image.no-no-reboot': 'reboot',
  'ec2.*.no-egress': 'ingress',
  'ec2.*.no-disable-api-termination': 'enable-api-termination',
  'emr.*.job-flow-ids': 'cluster-ids',
  'emr.*.job-flow-id': 'cluster-id',
  'sns.subscribe.endpoint': 'notification-endpoint',
  'route53.delete-traffic-policy.version': 'traffic-policy-version',
  'route53.get-traffic-policy.version': 'traffic-policy-version',
  'route53.update-traffic-policy-comment.version': 'traffic-policy-version',
  'route53domains.view-billing.start': 'start-time',
  'route53domains.view-billing.end': 'end-time',
  'apigateway.create-rest-api.version': 'api-version',
  'apigatewayv2.create-api.version': 'api-version',
  'apigatewayv2.update-api.version': 'api-version',
  'stepfunctions.send-task-success.output': 'task-output',
  'eks.create-cluster.version': 'kubernetes-version',
  'eks.update-cluster-version.version': 'kubernetes-version',
  'eks.create-nodegroup.version': 'kubernetes-version',
  'eks.update-nodegroup-version.version': 'kubernetes-version',
  'eks.update-cluster-components-version.version': 'kubernetes-version',
  'sagemaker.delete-image-version.version': 'version-number',
  'sagemaker.describe-image-version.version': 'version-number',
  'sagemaker.list-aliases.version': 'version-number',
  'sagemaker.update-image-version.version': 'version-number',
  'ecs.*.no-enable-execute-command': 'disable-execute-command',
  'ecs.execute-command.no-interactive': 'non-interactive',
  'glue.get-unfiltered-partition-metadata.region': 'resource-region',
  'glue.get-unfiltered-partitions-metadata.region': 'resource-region',
  'glue.get-unfiltered-table-metadata.region': 'resource-region',
};

/** Older spellings the CLI still accepts beside the parameter's name ("service.operation.parameter" → alias). */
export const parameterAliases = {
  'route53domains.view-billing.start-time': 'start',
  'iam.enable-mfa-device.authentication-code1': 'authentication-code-1',
  'iam.enable-mfa-device.authentication-code2': 'authentication-code-2',
  'iam.resync-mfa-device.authentication-code1': 'authentication-code-1',
  'iam.resync-mfa-device.authentication-code2': 'authentication-code-2',
  'lambda.publish-version.code-sha256': 'code-sha-256',
  'elasticache.create-replication-group.preferred-cache-cluster-azs': 'preferred-cache-cluster-a-zs',
};

/** The rename or alias entry for a parameter, if any. */
export function lookup(table, service, operation, parameter) {
  return table[`${service}.${operation}.${parameter}`] ?? table[`${service}.*.${parameter}`];
}

/** Parameters the CLI adds to model operations ("service.operation" → name → type, "!" when required). */
export const addedParameters = {
  'cloudfront.create-distribution': { 'default-root-object': '#string', 'origin-domain-name': '#string' },
  'cloudfront.update-distribution': { 'default-root-object': '#string' },
  'cloudfront.create-invalidation': { paths: '#list' },
  'cloudwatch.put-metric-data': Object.fromEntries(['dimensions', 'metric-name', 'statistic-values', 'storage-resolution',
    'timestamp', 'unit', 'value'].map((name) => [name, '#string'])),
  'configservice.put-configuration-recorder': { 'recording-group': '#string' },
  ...Object.fromEntries(['docdb.copy-db-cluster-snapshot', 'docdb.create-db-cluster', 'neptune.copy-db-cluster-snapshot',
    'neptune.create-db-cluster', 'rds.copy-db-cluster-snapshot', 'rds.copy-db-snapshot', 'rds.create-db-cluster',
    'rds.create-db-instance-read-replica', 'rds.start-db-instance-automated-backups-replication']
    .map((command) => [command, { 'source-region': '#string' }])),
  ...Object.fromEntries(['authorize-security-group-ingress', 'authorize-security-group-egress',
    'revoke-security-group-ingress', 'revoke-security-group-egress']
    .map((operation) => [`ec2.${operation}`, { cidr: '#string', 'group-owner': '#string', port: '#string', protocol: '#string', 'source-group': '#string' }])),
  'ec2.bundle-instance': { bucket: '#string', 'owner-akid': '#string', 'owner-sak': '#string', policy: '#string', prefix: '#string' },
  'ec2.get-password-data': { 'priv-launch-key': '#string' },
  'ec2.run-instances': {
    'associate-public-ip-address': '#boolean', 'no-associate-public-ip-address': '#boolean', count: '#string',
    'secondary-private-ip-address-count': '#string', 'secondary-private-ip-addresses': '#string',
  },
  'emr.list-clusters': { active: '#boolean', failed: '#boolean', terminated: '#boolean' },
  'iam.create-virtual-mfa-device': { 'bootstrap-method': '#string!', outfile: '#string!' },
  'lambda.create-function': { 'zip-file': '#string' },
  'lambda.publish-layer-version': { 'zip-file': '#string' },
  // The CLI can write the event stream's records to a file named by a positional argument.
  's3api.select-object-content': { '<outfile>': '#outfile' },
  'ses.send-email': { from: '#string!', to: '#list', cc: '#list', bcc: '#list', subject: '#string', text: '#string', html: '#string' },
};

/** Model parameters the CLI replaces with its own ("service.operation" → names). */
export const removedParameters = {
  'ec2.run-instances': ['min-count', 'max-count'],
  'ses.send-email': ['source'],
};

/** Required model parameters the CLI lets you leave out, because an added parameter can stand in for them. */
export const optionalInCli = {
  'cloudfront.create-distribution': ['distribution-config'],
  'cloudfront.update-distribution': ['distribution-config'],
  'cloudfront.create-invalidation': ['invalidation-batch'],
  'ec2.bundle-instance': ['storage'],
  'iam.enable-mfa-device': ['authentication-code1', 'authentication-code2', 'authentication-code-1', 'authentication-code-2'],
  'iam.resync-mfa-device': ['authentication-code1', 'authentication-code2', 'authentication-code-1', 'authentication-code-2'],
  'lambda.create-function': ['code'],
  'lambda.publish-layer-version': ['content'],
  'ses.send-email': ['destination', 'message'],
};

/** EC2 wraps some booleans in this structure; the CLI turns them back into --x / --no-x flags. */
export const booleanStructures = { ec2: ['AttributeBooleanValue'] };
