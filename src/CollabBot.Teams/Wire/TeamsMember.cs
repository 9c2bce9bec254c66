using System.Text.Json.Nodes;
using CollabBot.Core;

namespace CollabBot.Teams.Wire;

// A roster entry from pagedmembers (a TeamsChannelAccount). Id is the Teams user id ("29:…"),
// AadObjectId the Entra object id; Email, UserPrincipalName and UserRole ("user", "guest") may
// be absent.
internal sealed record TeamsMember(string Id, string Name, string? AadObjectId, string? Email, string? UserRole, string? UserPrincipalName = null)
{
    // The address a CRM knows the person by: the email, else the UPN (often the same).
    public string? Address => Email ?? UserPrincipalName;

    public static TeamsMember? From(JsonNode? node)
    {
        if (node?["id"].Str() is not { Length: > 0 } id) return null;
        return new TeamsMember(id, node!["name"].Str() ?? "", node["aadObjectId"].Str(),
            node["email"].Str(), node["userRole"].Str(), node["userPrincipalName"].Str());
    }
}
