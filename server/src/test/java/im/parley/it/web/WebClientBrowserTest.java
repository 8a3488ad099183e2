package im.parley.it.web;

import static org.assertj.core.api.Assertions.assertThat;

import im.parley.testkit.RecordingClient;
import im.parley.testkit.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.roster.RosterEntry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The bundled web client (Converse.js served at {@code /}) in Debian's headless Chromium: alice
 * and bob, contacts of each other, log in through its form, see each other online and exchange a
 * message over the server's WebSocket endpoint; every resource the pages loaded came from the
 * server itself. Screenshots go to {@code target/web-client/}. Without Chromium installed the test
 * is skipped, except in CI ({@code .ci/run} installs it), where that is a failure.
 */
class WebClientBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "web-client");
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed && System.getenv("CI") != null) {
            throw new IllegalStateException("Chromium and its driver must be installed in CI (.ci/run installs"
                    + " Debian's chromium and chromium-driver)");
        }
        Assumptions.assumeTrue(installed, "Debian's chromium and chromium-driver are not installed: "
                + "apt-get install chromium chromium-driver to run the web client's browser test");
        server = TestServer.start();
        server.addUser("alice", "alice-pw");
        server.addUser("bob", "bob-pw");
        befriend();
        Files.createDirectories(SCREENSHOTS);
    }

    /** Alice and bob subscribe to each other's presence (over TCP), so that each sees the other online. */
    private static void befriend() throws Exception {
        try (RecordingClient alice = server.login("alice", "alice-pw", "setup");
                RecordingClient bob = server.login("bob", "bob-pw", "setup")) {
            Roster.getInstanceFor(alice.connection()).setSubscriptionMode(Roster.SubscriptionMode.accept_all);
            Roster.getInstanceFor(bob.connection()).setSubscriptionMode(Roster.SubscriptionMode.accept_all);
            Roster.getInstanceFor(alice.connection()).createItemAndRequestSubscription(
                    JidCreate.bareFrom("bob@localhost"), "Bob", null);
            Roster.getInstanceFor(bob.connection()).createItemAndRequestSubscription(
                    JidCreate.bareFrom("alice@localhost"), "Alice", null);
            Awaitility.await().atMost(WAIT).until(() -> both(alice, "bob@localhost") && both(bob, "alice@localhost"));
        }
    }

    private static boolean both(RecordingClient client, String contact) throws Exception {
        RosterEntry entry = Roster.getInstanceFor(client.connection()).getEntry(JidCreate.bareFrom(contact));
        return entry != null && entry.canSeeHisPresence() && entry.canSeeMyPresence();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void twoUsersLogInSeeEachOtherOnlineAndChat() throws Exception {
        String page = "http://localhost:" + server.server().httpPort() + "/";
        WebDriver alice = browser();
        WebDriver bob = browser();
        try {
            logIn(alice, page, "alice");
            logIn(bob, page, "bob");
            openChatWithOnlineContact(alice, "Bob", "alice-sees-bob-online");
            openChatWithOnlineContact(bob, "Alice", "bob-sees-alice-online");

            alice.findElement(By.cssSelector("textarea.chat-textarea")).sendKeys("Hello from the browser" + Keys.ENTER);
            new WebDriverWait(bob, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(
                    By.cssSelector(".chat-msg__text"), "Hello from the browser"));
            screenshot(bob, "bob-got-the-message");
            bob.findElement(By.cssSelector("textarea.chat-textarea")).sendKeys("Got it" + Keys.ENTER);
            new WebDriverWait(alice, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(
                    By.xpath("(//*[contains(@class,'chat-msg__text')])[last()]"), "Got it"));
            screenshot(alice, "alice-got-the-answer");

            for (WebDriver browser : List.of(alice, bob)) {
                assertThat(resourcesLoaded(browser)).as("every resource comes from the server itself")
                        .isNotEmpty().allMatch(url -> url.startsWith(page));
            }
        } catch (RuntimeException | AssertionError e) {
            screenshot(alice, "failed-alice");
            screenshot(bob, "failed-bob");
            Files.writeString(SCREENSHOTS.resolve("failed-bob.html"), bob.getPageSource());
            Files.writeString(SCREENSHOTS.resolve("failed-bob.log"), String.valueOf(bob.manage().logs().get("browser").getAll()));
            Files.writeString(SCREENSHOTS.resolve("failed-alice.log"), String.valueOf(alice.manage().logs().get("browser").getAll()));
            throw e;
        } finally {
            alice.quit();
            bob.quit();
        }
    }

    private static WebDriver browser() {
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900",
                        "--no-first-run", "--disable-background-networking", "--disable-component-update");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private static void logIn(WebDriver browser, String page, String user) throws Exception {
        browser.get(page);
        WebDriverWait wait = new WebDriverWait(browser, WAIT);

        wait.until(ExpectedConditions.elementToBeClickable(By.id("converse-login-jid"))).sendKeys(user);
        browser.findElement(By.id("converse-login-password")).sendKeys(user + "-pw" + Keys.ENTER);
        server.awaitAvailable(user + "@localhost");
    }

    /** Waits until the contact of this roster name is shown online, then opens a chat with it. */
    private static void openChatWithOnlineContact(WebDriver browser, String name, String shot) throws Exception {
        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        By contact = By.xpath("//li[contains(@class,'current-xmpp-contact') and @data-status='online']"
                + "[.//*[normalize-space(text())='" + name + "']]//*[contains(@class,'open-chat')]");
        wait.until(ExpectedConditions.elementToBeClickable(contact));
        screenshot(browser, shot);
        browser.findElement(contact).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("textarea.chat-textarea")));
    }

    @SuppressWarnings("unchecked")
    private static List<String> resourcesLoaded(WebDriver browser) {
        return (List<String>) ((JavascriptExecutor) browser).executeScript(
                "return performance.getEntriesByType('resource').map(e => e.name).concat([location.href]);");
    }

    private static void screenshot(WebDriver browser, String name) throws Exception {
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
