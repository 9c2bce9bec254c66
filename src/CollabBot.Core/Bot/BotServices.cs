using CollabBot.Core.Delivery;
using CollabBot.Core.Features.Admin;
using CollabBot.Core.Features.Comments;
using CollabBot.Core.Features.Digest;
using CollabBot.Core.Features.Focus;
using CollabBot.Core.Features.Goals;
using CollabBot.Core.Features.Handoffs;
using CollabBot.Core.Features.Kudos;
using CollabBot.Core.Features.OneOnOne;
using CollabBot.Core.Features.Privacy;
using CollabBot.Core.Features.Pulse;
using CollabBot.Core.Features.TeamView;

namespace CollabBot.Core.Bot;

internal static class BotServices
{
    // Every feature registers its handlers here; a clash fails at startup.
    public static BotRouter CreateRouter() => new BotRouter()
        .MapAdmin()
        .MapHome()
        .MapPulse()
        .MapGoals()
        .MapKudos()
        .MapHandoffs()
        .MapDigest()
        .MapComments()
        .MapFocus()
        .MapTeamView()
        .MapOneOnOne()
        .MapPrivacy()
        .MapDeliveries();
}
