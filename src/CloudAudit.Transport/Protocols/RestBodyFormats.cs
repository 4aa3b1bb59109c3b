using System.Text.Json.Nodes;
using CloudAudit.Transport.Models;

namespace CloudAudit.Transport.Protocols;

internal sealed class RestJsonProtocol : RestProtocol
{
    protected override string BodyContentType => "application/json";

    protected override byte[] SerializeBody(JsonObject members, ShapeRef shapeRef, string rootName) =>
        JsonBody.ToBytes(JsonBody.SerializeStructure(members, shapeRef.Target, _ => true));

    protected override byte[] EmptyBody(Shape shape) =>
        shape.Members.Any(m => m.Location is null) ? "{}"u8.ToArray() : [];

    protected override JsonObject ParseBody(byte[] body, Shape shape, Func<ShapeRef, bool> inBody) =>
        JsonBody.ParseElement(body) is { ValueKind: System.Text.Json.JsonValueKind.Object } json ? JsonBody.ParseStructure(json, shape, inBody) : [];

    public override AwsErrorDetails ParseError(WireResponse response) => JsonErrors.Parse(response);
}

internal sealed class RestXmlProtocol : RestProtocol
{
    protected override string BodyContentType => "application/xml";

    protected override byte[] SerializeBody(JsonObject members, ShapeRef shapeRef, string rootName) =>
        XmlBody.Serialize(members, shapeRef, rootName);

    protected override byte[] EmptyBody(Shape shape) => [];

    protected override JsonObject ParseBody(byte[] body, Shape shape, Func<ShapeRef, bool> inBody)
    {
        if (XmlBody.ParseDocument(body) is not { } root)
            return [];
        // S3 GetBucketLocation: the document root is the output's only member, not a wrapper around it.
        if (shape.Members.Where(inBody).ToList() is [{ Target.Type: not ("structure" or "list" or "map") } only]
            && root.Name.LocalName == only.WireName)
            return new JsonObject { [only.Name] = Scalars.FromText(root.Value, only.Target) };
        return XmlBody.ParseStructure(root, shape, inBody);
    }

    public override AwsErrorDetails ParseError(WireResponse response) => XmlErrors.Parse(response);
}
