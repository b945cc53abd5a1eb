// allauth's passkey script only logs a failed or cancelled passkey step to the console
// (an "allauth.error" event). Show the page's own message instead (mfa/webauthn/snippets/
// problem.html), so someone who cancelled, or has no passkey on this device, knows what to do.
document.addEventListener('allauth.error', function (event) {
  const problem = document.getElementById('passkey-problem')
  if (!problem) {
    return
  }
  event.preventDefault()
  problem.hidden = false
  problem.focus()
})
