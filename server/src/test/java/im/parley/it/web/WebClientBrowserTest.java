package im.parley.it.web;

import static org.assertj.core.api.Assertions.assertThat;

import im.parley.testkit.FreePorts;
import im.parley.testkit.RecordingClient;
import im.parley.testkit.TestServer;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;
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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The bundled web client (Converse.js served at {@code /}) in Debian's headless Chromium: alice
 * and bob, contacts of each other, log in through its form, see each other online and exchange a
 * message over the server's WebSocket endpoint; alice sends a picture through the client's file
 * upload (XEP-0363: a slot from {@code upload.localhost}, then the PUT), and bob's client shows the
 * link, whose GET from bob's page returns the very bytes alice chose. Every resource the pages
 * loaded came from the server itself. Screenshots go to {@code target/web-client/}. Without
 * Chromium installed the test is skipped, except in CI ({@code .ci/run} installs it), where that
 * is a failure.
 */
class WebClientBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "web-client");
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static TestServer server;
    private static String page;

    @BeforeAll
    static void start() throws Exception {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed && System.getenv("CI") != null) {
            throw new IllegalStateException("Chromium and its driver must be installed in CI (.ci/run installs"
                    + " Debian's chromium and chromium-driver)");
        }
        Assumptions.assumeTrue(installed, "Debian's chromium and chromium-driver are not installed: "
                + "apt-get install chromium chromium-driver to run the web client's browser test");
        // The upload URLs on the page's own origin (http.public-url, as behind a proxy): the browser
        // would refuse the default https:// URLs of the self-signed certificate.
        int httpPort = FreePorts.next();
        page = "http://localhost:" + httpPort + "/";
        server = TestServer.start("http:\n  port: " + httpPort + "\n  public-url: http://localhost:" + httpPort + "\n");
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
    void twoUsersLogInSeeEachOtherOnlineChatAndShareAFile() throws Exception {
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

            byte[] picture = picture();
            Path file = Files.write(SCREENSHOTS.resolve("shared-picture.png"), picture);
            // Converse offers its paperclip (and this input) once it has found the upload service.
            new WebDriverWait(alice, WAIT).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("input.fileupload")))
                    .sendKeys(file.toAbsolutePath().toString());
            WebElement link = new WebDriverWait(bob, WAIT).until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector(".chat-msg a[href*='/upload/']")));
            String shared = link.getAttribute("href");
            assertThat(shared).startsWith(page + "upload/").endsWith("/shared-picture.png");
            screenshot(bob, "bob-got-the-picture");
            assertThat(fetchedInPage(bob, shared)).as("the bytes bob's page gets from " + shared).isEqualTo(picture);

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

    /** A small PNG of its own, so that the bytes fetched cannot be another file's. */
    private static byte[] picture() throws Exception {
        BufferedImage image = new BufferedImage(96, 64, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(0x2a6f97));
        g.fillRect(0, 0, 96, 64);
        g.setColor(Color.ORANGE);
        g.fillOval(20, 8, 56, 48);
        g.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        return png.toByteArray();
    }

    /** The body of a GET of {@code url} by the page, as the page's scripts get it. */
    private static byte[] fetchedInPage(WebDriver browser, String url) {
        Object base64 = ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0]).then(r => r.ok ? r.blob() : Promise.reject(new Error('HTTP ' + r.status)))
                    .then(b => { const f = new FileReader(); f.onload = () => done(f.result.split(',')[1]); f.readAsDataURL(b); })
                    .catch(e => done('failed: ' + e));
                """, url);
        assertThat(base64).asString().doesNotStartWith("failed");
        return Base64.getDecoder().decode((String) base64);
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
