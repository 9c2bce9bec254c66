using CollabBot.Core.Bot;
using CollabBot.Core.Features.Handoffs;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Features.Admin;

// `role @a [@b …] sdr|ae|se|csm|am` sets the sales role (the seat on the handoff chain);
// `role @a [@b …] manager|rep|admin` sets the permission. One never changes the other.
internal static class RoleCommand
{
    private static readonly string[] Permissions = ["manager", "rep", "admin"];

    public static async Task<Reply> RunAsync(BotContext ctx)
    {
        var words = ctx.Args.Words;
        if (words.Count < 2) return ctx.Usage("role");
        var users = words.Take(words.Count - 1).Select(CommandArgs.MentionId).ToList();
        var word = ctx.Args[words.Count - 1].ToLowerInvariant();
        var seat = SalesRoles.Parse(word);
        if (users.Any(u => u is null) || (seat is null && !Permissions.Contains(word))) return ctx.Usage("role");
        var ids = users.OfType<string>().Distinct().ToList();
        var team = ctx.RequiredTeam.Id;
        var members = await ctx.Db.Members.Where(m => m.TeamId == team && m.Active && ids.Contains(m.PlatformUserId)).ToListAsync(ctx.Cancellation);
        if (ids.FirstOrDefault(id => members.All(m => m.PlatformUserId != id)) is { } stranger) return ctx.Say("kudos.outside", $"<@{stranger}>");
        var mentions = ctx.T.IsChinese ? string.Join("、", ids.Select(id => $"<@{id}>")) : string.Join(", ", ids.Select(id => $"<@{id}>"));

        if (seat is not null)
        {
            foreach (var m in members) (m.SalesRole, m.SalesRoleFromTitle) = (seat, false);
            await ctx.Db.SaveChangesAsync(ctx.Cancellation);
            return ctx.Say("role.sales.set", mentions, seat);
        }
        // The team keeps an admin: whoever is left once these lose the permission.
        if (word != "admin" && members.Any(m => m.IsAdmin)
            && !await ctx.Db.Members.AnyAsync(m => m.TeamId == team && m.Active && m.IsAdmin && !ids.Contains(m.PlatformUserId), ctx.Cancellation))
            return ctx.Say("role.last.admin");
        foreach (var m in members)
            (m.IsManager, m.IsAdmin) = word switch
            {
                "manager" => (true, false),
                "admin" => (m.IsManager, true),
                _ => (false, false),
            };
        await ctx.Db.SaveChangesAsync(ctx.Cancellation);
        return ctx.Say(ids.Count == 1 ? "role.set" : "role.set.many", mentions, ctx.T["role." + word]);
    }
}
