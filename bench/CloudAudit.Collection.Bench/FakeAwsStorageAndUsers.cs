using System.Globalization;
using System.Text;

namespace CloudAudit.Collection.Bench;

/// <summary>The fake AWS's S3 buckets (listed, and their settings) and IAM users.</summary>
public sealed partial class FakeAws
{
    private const string S3Namespace = "http://s3.amazonaws.com/doc/2006-03-01/";

    /// <summary>Every bucket: the trails' and <see cref="FakeAccount.Buckets"/> more, named bucket-R-N for region R.</summary>
    private string ListBuckets()
    {
        var xml = new StringBuilder($"<ListAllMyBucketsResult xmlns=\"{S3Namespace}\"><Owner><ID>owner</ID></Owner><Buckets>");
        void Bucket(string name, int region) => xml.Append(CultureInfo.InvariantCulture,
            $"<Bucket><Name>{name}</Name><CreationDate>2025-01-01T00:00:00.000Z</CreationDate><BucketRegion>{account.Regions[region]}</BucketRegion></Bucket>");
        for (var r = 0; r < account.Regions.Count; r++)
            for (var t = 0; t < account.TrailsPerRegion; t++)
                Bucket($"trail-{r}-{t}-bucket", r);
        for (var b = 0; b < account.Buckets; b++)
            Bucket($"bucket-{b % account.Regions.Count}-{b}", b % account.Regions.Count);
        return xml.Append("</Buckets></ListAllMyBucketsResult>").ToString();
    }

    /// <summary>The bucket settings the checks read, each answered as a well-kept bucket has it; null for the others.</summary>
    private static Answer? BucketSetting(string query) => query.TrimStart('?').Split('&', '=')[0] switch
    {
        "policy" => new Answer(200, "application/json",
            """{"Version":"2012-10-17","Statement":[{"Sid":"TlsOnly","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}"""),
        "encryption" => Xml($"<ServerSideEncryptionConfiguration xmlns=\"{S3Namespace}\"><Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>aws:kms</SSEAlgorithm>"
            + "</ApplyServerSideEncryptionByDefault><BucketKeyEnabled>true</BucketKeyEnabled></Rule></ServerSideEncryptionConfiguration>"),
        "versioning" => Xml($"<VersioningConfiguration xmlns=\"{S3Namespace}\"><Status>Enabled</Status></VersioningConfiguration>"),
        "lifecycle" => Xml($"<LifecycleConfiguration xmlns=\"{S3Namespace}\"><Rule><ID>expire</ID><Filter><Prefix></Prefix></Filter><Status>Enabled</Status>"
            + "<Expiration><Days>365</Days></Expiration></Rule></LifecycleConfiguration>"),
        _ => null,
    };

    /// <summary>One page of IAM users (Marker is the index of the page's first user).</summary>
    private string ListUsers(string? marker)
    {
        var start = marker is null ? 0 : int.Parse(marker, CultureInfo.InvariantCulture);
        var end = Math.Min(start + FakeAccount.UsersPerPage, account.Users);
        var xml = new StringBuilder("<Users>");
        for (var u = start; u < end; u++)
            xml.Append(CultureInfo.InvariantCulture, $"<member><Path>/</Path><UserName>user-{u}</UserName><UserId>AIDAUSER{u:D8}</UserId>"
                + $"<Arn>arn:aws:iam::{FakeAccount.AccountId}:user/user-{u}</Arn><CreateDate>2025-01-01T00:00:00Z</CreateDate></member>");
        xml.Append("</Users>");
        xml.Append(end < account.Users ? $"<IsTruncated>true</IsTruncated><Marker>{end}</Marker>" : "<IsTruncated>false</IsTruncated>");
        return xml.ToString();
    }
}
