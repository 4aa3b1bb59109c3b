using System.Text.Json.Nodes;
using static CloudAudit.Inventory.Catalog.JsonParams;

namespace CloudAudit.Inventory.Catalog;

/// <summary>
/// The whole account's IAM authorization in one paginated read: users (with their groups), groups, roles
/// (with trust policies, instance profiles and boundaries) and customer managed policies with every version.
/// AWS managed policy documents are embedded in the policy engine, so they are not fetched.
/// </summary>
public static class IamAuthorizationCalls
{
    public static readonly ApiCall GetAccountAuthorizationDetails = ApiCall.Global("iam", "GetAccountAuthorizationDetails",
        Of(("Filter", new JsonArray("User", "Role", "Group", "LocalManagedPolicy"))));
}
