global using CollabBot.Core;
