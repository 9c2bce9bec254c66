using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CollabBot.Host.Storage.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class MemberUserIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Members_WorkspaceId_PlatformUserId",
                table: "Members",
                columns: new[] { "WorkspaceId", "PlatformUserId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Members_WorkspaceId_PlatformUserId",
                table: "Members");
        }
    }
}
