using CloudAudit.Checks.Secrets;

namespace CloudAudit.Checks.Tests.Secrets;

public class SecretDetectionTests
{
    [Theory]
    [InlineData("DB_PASSWORD")]
    [InlineData("dbPassword")]
    [InlineData("STRIPE_API_KEY")]
    [InlineData("stripeApiKey")]
    [InlineData("APIKey")]
    [InlineData("GITHUB_TOKEN")]
    [InlineData("client-secret")]
    [InlineData("/prod/app/private_key")]
    [InlineData("DB_PASS")]
    [InlineData("AWS_SECRET_ACCESS_KEY")]
    [InlineData("SMTP_PWD")]
    public void Names_of_secrets_are_recognised_by_their_words(string name) =>
        Assert.Equal(NameSuggests.Secret, SecretNames.Judge(name));

    [Theory]
    [InlineData("DATABASE_URL")]
    [InlineData("/dev/app/DATABASE_URL")]
    [InlineData("REDIS_URL")]
    [InlineData("MONGO_DSN")]
    [InlineData("ConnectionString")]
    public void Connection_strings_are_their_own_kind(string name) =>
        Assert.Equal(NameSuggests.ConnectionString, SecretNames.Judge(name));

    [Theory]
    [InlineData("BYPASS_CACHE")]
    [InlineData("PASSENGER_COUNT")]
    [InlineData("SECRET_ARN")]
    [InlineData("DB_PASSWORD_SECRET_ARN")]
    [InlineData("TOKEN_TTL_SECONDS")]
    [InlineData("PASSWORD_MIN_LENGTH")]
    [InlineData("OAUTH_TOKEN_URL")]
    [InlineData("KMS_KEY_ID")]
    [InlineData("PARTITION_KEY")]
    [InlineData("TOKENIZER_MODEL")]
    [InlineData("/northwind/prod/api/base-url")]
    public void Names_that_describe_or_merely_contain_a_secret_word_are_not_secrets(string name) =>
        Assert.Equal(NameSuggests.Nothing, SecretNames.Judge(name));

    [Theory]
    [InlineData("AKIA4NORTHWINDDEV7QX", "AWS access key ID")]
    [InlineData("ASIAZ3EXAMPLE0000000", "AWS access key ID")]
    [InlineData("-----BEGIN RSA PRIVATE KEY-----\nMIIEow", "private key")]
    [InlineData("-----BEGIN OPENSSH PRIVATE KEY-----", "private key")]
    [InlineData("ghp_0123456789abcdefghijklmnopqrstuvwxyz", "GitHub token")]
    [InlineData("xoxb-1234567890-abcdefghij", "Slack token")]
    [InlineData("sk_live_51NwDemoKeyOnly0000000000EXAMPLE", "Stripe API key")]
    [InlineData("https://hooks.slack.com/services/T0NWDEMO01/B0NWDEMO02/NorthwindDemoOnlyValue01", "Slack webhook URL")]
    [InlineData("postgres://app:Sup3r-secret@db.internal:5432/app", SecretValues.UrlWithPassword)]
    [InlineData("mongodb://app:pw@h1:27017,h2:27017/db", SecretValues.UrlWithPassword)]
    [InlineData("wJalrXUtnFEMI/K7MDENG/bPxRfiCYNWDEXAMPLE", SecretValues.HighEntropy)]
    public void Values_in_known_credential_formats_are_recognised(string value, string kind) =>
        Assert.Equal(kind, SecretValues.Classify(value));

    [Theory]
    [InlineData("")]
    [InlineData("northwind-orders")]
    [InlineData("NorthwindAnalyticsProd2024")]
    [InlineData("6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b")]
    [InlineData("arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/db-AbCdEf")]
    [InlineData("/prod/app/db/password")]
    [InlineData("{{resolve:secretsmanager:prod/db:SecretString:password}}")]
    [InlineData("https://api.example.com/v1/orders")]
    [InlineData("postgres://app@db.internal:5432/app")]
    [InlineData("-XX:+TieredCompilation -XX:TieredStopAtLevel=1")]
    public void Ordinary_values_and_references_are_not_secrets(string value) =>
        Assert.Null(SecretValues.Classify(value));

    [Fact]
    public void A_commit_hash_is_not_a_secret_but_the_same_hex_in_an_unnamed_variable_is()
    {
        const string sha = "3f786850e387550fdab836ed7e6dc881de23001b";
        Assert.Null(SecretValues.Classify(sha, "GIT_COMMIT_SHA"));
        Assert.Equal(SecretValues.HighEntropy, SecretValues.Classify(sha, "UPSTREAM_KEY"));
    }

    [Fact]
    public void Kms_ciphertext_from_the_console_encryption_helpers_is_not_plain_text()
    {
        var blob = Convert.ToBase64String([1, 2, 2, 0, 0x78, .. Enumerable.Range(7, 150).Select(i => (byte)i)]);
        Assert.True(SecretValues.IsKmsCiphertext(blob));
        Assert.Null(SecretValues.Classify(blob));
        Assert.Empty(EnvironmentSecrets.Find(new Dictionary<string, string> { ["SMTP_PASSWORD"] = blob }));
    }

    [Fact]
    public void Variables_are_judged_by_name_and_by_value()
    {
        var found = EnvironmentSecrets.Find(new Dictionary<string, string>
        {
            ["DB_PASSWORD"] = "hunter2",                       // name says secret, literal value
            ["DB_PASSWORD_SECRET_ARN"] = "arn:aws:secretsmanager:us-east-1:111122223333:secret:db-AbC", // a reference
            ["API_TOKEN"] = "",                                // empty
            ["RETRIES"] = "3",
            ["UPLOAD_ID"] = "AKIA4NORTHWINDDEV7QX",            // name says nothing, value is a key
            ["DATABASE_URL"] = "postgres://app@db:5432/app",   // connection string without a password
            ["TOKEN_TTL"] = "900",
        });
        Assert.Equal(["DB_PASSWORD (plain-text value in a variable named as a secret)", "UPLOAD_ID (AWS access key ID)"],
            found.Select(f => f.ToString()).ToArray());
    }
}
